package io.context8.config;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a start stopped by a setting as one line on stderr instead of Spring Boot's "APPLICATION FAILED TO
 * START" banner or a stack trace: an {@link InvalidSettingException} (the checks run before the start), or a
 * value Spring could not bind to its type (e.g. {@code CONTEXT8_REPORT_INTERVAL=soon}). The main class then
 * exits with {@link InvalidSettingException#EXIT_STATUS}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidSettingReporter implements SpringBootExceptionReporter {

    @Override
    public boolean reportException(Throwable failure) {
        InvalidSettingException invalid = invalidSetting(failure);
        if (invalid == null) {
            return false;
        }
        System.err.println(invalid.line());
        System.err.flush();
        return true;
    }

    /** The setting that stopped the start, or null when {@code failure} is not about a setting. */
    public static InvalidSettingException invalidSetting(Throwable failure) {
        InvalidSettingException invalid = InvalidSettingException.in(failure);
        if (invalid != null) {
            return invalid;
        }
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof BindException b && b.getProperty() != null) {
                String name = b.getProperty().getName().toString();
                String value = String.valueOf(b.getProperty().getValue());
                boolean secret = name.contains("password") || name.contains("token") || name.contains("url");
                return new InvalidSettingException(variable(name), (secret ? "the value" : "\"" + value + "\"")
                        + " is not a valid " + b.getTarget().getType().resolve(Object.class).getSimpleName());
            }
        }
        return null;
    }

    /** The environment variable of a property: {@code context8.report.interval} -> {@code CONTEXT8_REPORT_INTERVAL}. */
    static String variable(String property) {
        return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_').replace("[", "_")
                .replace("]", "");
    }
}
