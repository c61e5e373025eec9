package io.context8.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;

class JsonLogFormatterTest {

    private final JsonLogFormatter formatter = new JsonLogFormatter(new MockEnvironment().withProperty("context8.roles", "analytics"));
    private final LoggerContext context = new LoggerContext();

    {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    }

    @Test
    void oneJsonObjectPerLineWithUtcTimestampLevelComponentAndPairs() throws Exception {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger("io.context8.analytics.Summary"), Level.INFO,
                "summary {}", null, new Object[] {"BTCUSDT"});
        e.setInstant(Instant.parse("2026-11-21T19:00:00.123Z"));
        e.addKeyValuePair(new org.slf4j.event.KeyValuePair("symbol", "BTCUSDT"));
        e.addKeyValuePair(new org.slf4j.event.KeyValuePair("lag_ms", 42L));
        e.addKeyValuePair(new org.slf4j.event.KeyValuePair("level", "clash"));
        String line = formatter.format(e);
        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.trim()).doesNotContain("\n");
        JsonNode j = new ObjectMapper().readTree(line);
        assertThat(j.get("timestamp").asText()).isEqualTo("2026-11-21T19:00:00.123Z");
        assertThat(j.get("level").asText()).isEqualTo("INFO");
        assertThat(j.get("component").asText()).isEqualTo("analytics");
        assertThat(j.get("roles").asText()).isEqualTo("analytics");
        assertThat(j.get("message").asText()).isEqualTo("summary BTCUSDT");
        assertThat(j.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(j.get("lag_ms").isIntegralNumber()).isTrue();
        assertThat(j.get("lag_ms").asLong()).isEqualTo(42);
        assertThat(j.get("kv_level").asText()).isEqualTo("clash");
    }

    @Test
    void exceptionsAreOneFieldOnTheSameLine() throws Exception {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger("org.apache.camel.Foo"), Level.ERROR, "boom",
                new IllegalStateException("bad\nthing"), null);
        String line = formatter.format(e);
        assertThat(line.trim()).doesNotContain("\n");
        JsonNode j = new ObjectMapper().readTree(line);
        assertThat(j.get("component").asText()).isEqualTo("camel");
        assertThat(j.get("exception").asText()).contains("IllegalStateException: bad\nthing");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"io.context8.ingest.IngestFrames, ingest", "io.context8.redis.RedisStreamConsumer, redis-stream",
            "io.context8.mcp.McpHttpEndpoint, mcp", "io.context8.book.ArrayOrderBook, analytics",
            "io.context8.replay.ReplayServer, replay", "org.springframework.boot.Foo, spring",
            "io.lettuce.core.RedisClient, redis-client", "com.example.X, other"})
    void componentFromLoggerName(String logger, String component) {
        assertThat(JsonLogFormatter.component(logger)).isEqualTo(component);
    }
}
