package io.context8.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.context8.analytics.MetricSettings;
import io.context8.testsupport.TestSettings;

/**
 * The report chain's settings have their defaults in one place, application.yaml: binding it gives every component
 * of the typed tree (no value comes from Java, and none is missing: a missing key would bind as null or 0), and a
 * key overrides its default through relaxed binding (environment style).
 */
class MetricSettingsBindingTest {

    private static MetricSettings bind(Binder binder) {
        return AnalyticsConfiguration.metricSettings(
                binder.bindOrCreate("context8.analytics", Context8Properties.Analytics.class));
    }

    @ParameterizedTest(name = "context8.{0}: every key is in application.yaml")
    @ValueSource(strings = {"report", "ingestion", "windows", "analytics"})
    void everyKeyIsInApplicationYaml(String tree) throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yaml"));
        PropertySource<?> source = yaml.get(0);
        Class<?> type = switch (tree) {
            case "report" -> Context8Properties.Report.class;
            case "ingestion" -> Context8Properties.Ingestion.class;
            case "windows" -> Context8Properties.Windows.class;
            default -> Context8Properties.Analytics.class;
        };
        List<String> missing = new java.util.ArrayList<>();
        keys("context8." + tree, type, source, missing);
        assertThat(missing).as("keys without a value in application.yaml").isEmpty();
        // and nothing else gives them one: without application.yaml a leaf binds as null or 0
        Context8Properties.Walls bare = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("context8.analytics.walls", Context8Properties.Walls.class);
        assertThat(bare.factor()).as("no @DefaultValue in Java").isZero();
    }

    /** Every leaf of a record tree as a kebab-case key, added to {@code missing} when the YAML has no value for it. */
    private static void keys(String prefix, Class<?> type, PropertySource<?> yaml, List<String> missing) {
        for (java.lang.reflect.RecordComponent c : type.getRecordComponents()) {
            String key = prefix + "." + c.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            if (c.getType().isRecord()) {
                keys(key, c.getType(), yaml, missing);
            } else if (yaml.getProperty(key) == null && yaml.getProperty(key + "[0]") == null) {
                missing.add(key);
            }
        }
    }

    @Test
    @DisplayName("the settings the tests use are application.yaml's (TestSettings binds the same file)")
    void testsUseApplicationYaml() {
        MetricSettings fromYaml = bind(TestSettings.applicationYaml());
        assertThat(fromYaml.toString().replaceAll("\\[D@[0-9a-f]+", ""))
                .isEqualTo(TestSettings.metrics().toString().replaceAll("\\[D@[0-9a-f]+", ""));
        assertThat(TestSettings.analytics().maxEventTimeSkewMs()).isEqualTo(3_600_000);
        assertThat(TestSettings.analytics().reportIntervalMs()).isEqualTo(100);
    }

    @Test
    @DisplayName("an override binds: spoofing size factor, bands in any order come out ascending, max-event-time-skew")
    void override() throws IOException {
        MetricSettings m = bind(over(Map.of("context8.analytics.spoofing.size-factor", "5",
                "context8.analytics.bands.pct", "2,0.1")));
        assertThat(m.spoofing().sizeFactor()).isEqualTo(5.0);
        assertThat(m.bands().pct()).containsExactly(0.1, 2.0);
        assertThat(m.walls().factor()).as("the other keys keep application.yaml's values").isEqualTo(1.5);
        Context8Properties.Analytics overridden = over(Map.of("context8.analytics.max-event-time-skew", "5m"))
                .bindOrCreate("context8.analytics", Context8Properties.Analytics.class);
        assertThat(overridden.maxEventTimeSkew().toMillis()).isEqualTo(300_000);
    }

    /** Overrides (as environment variables would give them) over application.yaml. */
    private static Binder over(Map<String, String> overrides) throws IOException {
        List<org.springframework.boot.context.properties.source.ConfigurationPropertySource> sources =
                new java.util.ArrayList<>();
        sources.add(new MapConfigurationPropertySource(overrides));
        ConfigurationPropertySources.from(new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yaml"))).forEach(sources::add);
        return new Binder(sources);
    }
}
