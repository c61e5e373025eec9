package io.context8.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.context8.analytics.AnalyticsSettings;
import io.context8.analytics.MetricSettings;
import io.context8.config.AnalyticsConfiguration;
import io.context8.config.Context8Properties;

/**
 * The analytics settings as the application binds them from {@code application.yaml} (their only defaults), for
 * tests and benchmarks that build the analytics without a Spring context.
 */
public final class TestSettings {

    private static final AnalyticsSettings ANALYTICS = bind();

    private TestSettings() {
    }

    /** The analytics settings of application.yaml. */
    public static AnalyticsSettings analytics() {
        return ANALYTICS;
    }

    /** The metric settings of application.yaml. */
    public static MetricSettings metrics() {
        return ANALYTICS.metrics();
    }

    /** A binder over application.yaml alone. */
    public static Binder applicationYaml() {
        try {
            List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
                    new ClassPathResource("application.yaml"));
            return new Binder(ConfigurationPropertySources.from(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AnalyticsSettings bind() {
        Binder b = applicationYaml();
        return AnalyticsConfiguration.settings(
                b.bind("context8.report", Context8Properties.Report.class).get(),
                b.bind("context8.ingestion", Context8Properties.Ingestion.class).get(),
                b.bind("context8.windows", Context8Properties.Windows.class).get(),
                b.bind("context8.analytics", Context8Properties.Analytics.class).get());
    }
}
