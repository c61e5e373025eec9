package io.context8.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import io.context8.analytics.MetricSettings;

/**
 * The three places that give the metric settings a value agree: the commented keys of application.yaml, the
 * {@code @DefaultValue}s of the typed properties, and {@link MetricSettings#defaults()} (used by tests and
 * by code built without Spring). Also: a key overrides its default through relaxed binding (environment style).
 */
class MetricSettingsBindingTest {

    private static MetricSettings bind(Binder binder) {
        return AnalyticsConfiguration.metricSettings(
                binder.bindOrCreate("context8.analytics", Context8Properties.Analytics.class));
    }

    private static String text(MetricSettings m) {
        return m.toString().replaceAll("\\[D@[0-9a-f]+", "") + java.util.Arrays.toString(m.bands().pct())
                + java.util.Arrays.toString(m.bands().slippageQuote());
    }

    @Test
    @DisplayName("application.yaml = @DefaultValue = MetricSettings.defaults()")
    void threePlacesAgree() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yaml"));
        MetricSettings fromYaml = bind(new Binder(ConfigurationPropertySources.from(yaml)));
        MetricSettings fromDefaults = bind(new Binder(new MapConfigurationPropertySource(Map.of())));
        assertThat(text(fromYaml)).isEqualTo(text(MetricSettings.defaults()));
        assertThat(text(fromDefaults)).isEqualTo(text(MetricSettings.defaults()));
    }

    @Test
    @DisplayName("an override binds: spoofing size factor, bands in any order come out ascending")
    void override() {
        MetricSettings m = bind(new Binder(new MapConfigurationPropertySource(Map.of(
                "context8.analytics.spoofing.size-factor", "5",
                "context8.analytics.bands.pct", "2,0.1"))));
        assertThat(m.spoofing().sizeFactor()).isEqualTo(5.0);
        assertThat(m.bands().pct()).containsExactly(0.1, 2.0);
    }

    @Test
    @DisplayName("max-event-time-skew: application.yaml = @DefaultValue = AnalyticsSettings default; an override binds")
    void maxEventTimeSkew() throws IOException {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yaml"));
        Context8Properties.Analytics fromYaml = new Binder(ConfigurationPropertySources.from(yaml))
                .bindOrCreate("context8.analytics", Context8Properties.Analytics.class);
        Context8Properties.Analytics fromDefaults = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("context8.analytics", Context8Properties.Analytics.class);
        assertThat(fromYaml.maxEventTimeSkew().toMillis())
                .isEqualTo(io.context8.analytics.AnalyticsSettings.DEFAULT_MAX_EVENT_TIME_SKEW_MS);
        assertThat(fromDefaults.maxEventTimeSkew().toMillis())
                .isEqualTo(io.context8.analytics.AnalyticsSettings.DEFAULT_MAX_EVENT_TIME_SKEW_MS);
        Context8Properties.Analytics overridden = new Binder(new MapConfigurationPropertySource(Map.of(
                "context8.analytics.max-event-time-skew", "5m")))
                .bindOrCreate("context8.analytics", Context8Properties.Analytics.class);
        assertThat(overridden.maxEventTimeSkew().toMillis()).isEqualTo(300_000);
    }
}
