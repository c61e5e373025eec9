package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class McpRequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void requestsAreCountedByMethodAndStatusWithDurationsInMilliseconds() {
        McpRequestMetrics m = new McpRequestMetrics(registry);
        int registered = registry.getMeters().size();
        m.record("tools/call", "ok", 3_000_000);
        m.record("tools/call", "tool_error", 1_000_000);
        m.record("initialize", "ok", 1_000_000);
        assertThat(count("tools/call", "ok")).isEqualTo(1.0);
        assertThat(count("tools/call", "tool_error")).isEqualTo(1.0);
        assertThat(registry.get("context8.mcp.request.duration.ms").tag("method", "tools/call").summary().totalAmount())
                .isEqualTo(4.0);
        assertThat(registry.getMeters()).as("nothing registered per request").hasSize(registered);
    }

    @Test
    void unknownMethodsAndMissingMethodsShareTheOtherLabel() {
        McpRequestMetrics m = new McpRequestMetrics(registry);
        int registered = registry.getMeters().size();
        m.record("evil/" + System.nanoTime(), "error", 1);
        m.record(null, "invalid", 1);
        assertThat(count("other", "error")).isEqualTo(1.0);
        assertThat(count("other", "invalid")).isEqualTo(1.0);
        assertThat(registry.getMeters()).hasSize(registered);
    }

    @Test
    void noneRecordsNothing() {
        McpRequestMetrics.NONE.record("tools/call", "ok", 1);
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void cacheHitsAndMissesPerConfiguredSymbolOthersPooled() {
        MeteredReportReader reader = new MeteredReportReader(
                s -> s.equals("BTCUSDT") ? Optional.of("{}") : Optional.empty(), registry, List.of("BTCUSDT", "ETHUSDT"));
        reader.read("BTCUSDT");
        reader.read("BTCUSDT");
        reader.read("ETHUSDT");
        reader.read("DOGEUSDT");
        assertThat(registry.get("context8.mcp.cache.hits").tag("symbol", "BTCUSDT").counter().count()).isEqualTo(2.0);
        assertThat(registry.get("context8.mcp.cache.misses").tag("symbol", "ETHUSDT").counter().count()).isEqualTo(1.0);
        assertThat(registry.get("context8.mcp.cache.misses").tag("symbol", "other").counter().count()).isEqualTo(1.0);
        assertThat(registry.find("context8.mcp.cache.hits").counters()).hasSize(3);
    }

    private double count(String method, String status) {
        return registry.get("context8.mcp.requests").tags("method", method, "status", status).counter().count();
    }
}
