package io.context8.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.ReportPublisher;
import io.context8.errors.ErrorCounters;
import io.context8.ingest.BinanceNormalizer;
import io.context8.ingest.IngestFrames;
import io.context8.ingest.IngestStatus;
import io.context8.redis.RedisStreamComponent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * Every known {@code context8_errors_total{component,type}} series exists at 0 before any error, as the beans
 * that count them are created: alert rules and {@code rate()} work from the start.
 */
class ErrorCountersAtZeroTest {

    @Test
    void everyKnownTypeIsExportedAtZeroBeforeAnyError() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new IngestFrames(new BinanceNormalizer(new ObjectMapper(), "binance"), new IngestStatus(5_000), registry);
        new ReportPublisher(60, "binance", registry);
        new RedisStreamComponent(null, new ErrorCounters(registry, "stream", RedisStreamComponent.KNOWN_ERROR_TYPES));

        String scrape = registry.scrape();
        for (var known : List.of(List.of("ingest", IngestFrames.KNOWN_ERROR_TYPES),
                List.of("analytics", ReportPublisher.KNOWN_ERROR_TYPES),
                List.of("stream", RedisStreamComponent.KNOWN_ERROR_TYPES))) {
            String component = (String) known.get(0);
            for (Object type : (List<?>) known.get(1)) {
                assertThat(scrape).contains("context8_errors_total{component=\"" + component + "\",type=\"" + type
                        + "\"} 0.0");
            }
        }
        assertThat(registry.find("context8.errors").counters()).hasSize(IngestFrames.KNOWN_ERROR_TYPES.size()
                + ReportPublisher.KNOWN_ERROR_TYPES.size() + RedisStreamComponent.KNOWN_ERROR_TYPES.size())
                .allMatch(c -> c.count() == 0);
        assertThat(IngestFrames.KNOWN_ERROR_TYPES).contains("frame_too_large", "unconfigured_symbol");
        Counter c = registry.get("context8.errors").tags("component", "ingest", "type", "frame_too_large").counter();
        assertThat(c.count()).isZero();
    }
}
