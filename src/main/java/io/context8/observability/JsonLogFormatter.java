package io.context8.observability;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import org.slf4j.event.KeyValuePair;
import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;

/**
 * context8's JSON log line (Spring Boot structured logging, {@code logging.structured.format.console}): one
 * object per line with {@code timestamp} (ISO 8601, UTC), {@code level}, {@code component} (ingest, analytics,
 * mcp, redis-stream, replay, camel, spring, ... from the logger name), {@code roles}, {@code logger},
 * {@code thread}, {@code message}, then the event's key-value pairs and MDC entries (such as {@code symbol},
 * {@code lag_ms}, {@code stream_id}) as top-level fields, and {@code exception} (the stack trace) when there is
 * one. Field names of pairs that collide with the fixed ones are prefixed with {@code kv_}.
 */
public final class JsonLogFormatter implements StructuredLogFormatter<ILoggingEvent> {

    private static final List<String> FIXED = List.of("timestamp", "level", "component", "roles", "logger",
            "thread", "message", "exception");

    private final JsonFactory json = new JsonFactory();
    private final String roles;

    public JsonLogFormatter(Environment environment) {
        this.roles = environment.getProperty("context8.roles", "ingest,analytics,mcp");
    }

    @Override
    public String format(ILoggingEvent event) {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = json.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("timestamp", event.getInstant().toString());
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("component", component(event.getLoggerName()));
            g.writeStringField("roles", roles);
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            List<KeyValuePair> pairs = event.getKeyValuePairs();
            if (pairs != null) {
                for (KeyValuePair kv : pairs) {
                    writeField(g, kv.key, kv.value);
                }
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null) {
                for (Map.Entry<String, String> e : mdc.entrySet()) {
                    writeField(g, e.getKey(), e.getValue());
                }
            }
            IThrowableProxy t = event.getThrowableProxy();
            if (t != null) {
                g.writeStringField("exception", ThrowableProxyUtil.asString(t));
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.append('\n').toString();
    }

    private static void writeField(JsonGenerator g, String key, Object value) throws IOException {
        String name = FIXED.contains(key) ? "kv_" + key : key;
        if (value == null) {
            g.writeNullField(name);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            g.writeNumberField(name, ((Number) value).longValue());
        } else if (value instanceof Double d && Double.isFinite(d)) {
            g.writeNumberField(name, d);
        } else if (value instanceof Boolean b) {
            g.writeBooleanField(name, b);
        } else {
            g.writeStringField(name, String.valueOf(value));
        }
    }

    /** The part of the system a logger belongs to. */
    static String component(String logger) {
        if (logger == null) {
            return "other";
        }
        if (logger.startsWith("io.context8.")) {
            String rest = logger.substring("io.context8.".length());
            int dot = rest.indexOf('.');
            String pkg = dot < 0 ? "app" : rest.substring(0, dot);
            return switch (pkg) {
                case "ingest", "recording" -> "ingest";
                case "analytics", "book", "metrics" -> "analytics";
                case "mcp" -> "mcp";
                case "redis" -> "redis-stream";
                case "replay" -> "replay";
                default -> pkg;
            };
        }
        if (logger.startsWith("org.apache.camel")) {
            return "camel";
        }
        if (logger.startsWith("org.apache.catalina") || logger.startsWith("org.apache.coyote")
                || logger.startsWith("org.apache.tomcat")) {
            return "http";
        }
        if (logger.startsWith("org.springframework")) {
            return "spring";
        }
        if (logger.startsWith("io.lettuce")) {
            return "redis-client";
        }
        if (logger.startsWith("io.vertx") || logger.startsWith("io.netty")) {
            return "network";
        }
        return "other";
    }
}
