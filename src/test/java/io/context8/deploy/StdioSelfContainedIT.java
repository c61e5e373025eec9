package io.context8.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.context8.testsupport.AppProcess;
import io.context8.testsupport.StdioMcpProcess;

/**
 * {@code java -jar context8.jar --stdio} as Claude Desktop starts it, in one step: without {@code REDIS_URL} it is
 * self-contained (embedded Redis on the port asked, ingest from the replay server, analytics, MCP on stdio) and
 * logs its Redis URL; a second stdio process given that URL as {@code REDIS_URL} runs the mcp role only and lists
 * the symbols analytics reports there, not its own default {@code CONTEXT8_SYMBOLS}.
 */
class StdioSelfContainedIT {

    @TempDir
    Path tmp;

    @Test
    void withoutRedisUrlOneStdioProcessDoesEverythingAndASecondOneSharesItsRedis() throws Exception {
        Path recording = SplitDeploymentIT.writeRecording(tmp.resolve("stdio.gz"));
        int redisPort = AppProcess.freePort();
        String redisUrl = "redis://127.0.0.1:" + redisPort;
        try (StdioMcpProcess all = StdioMcpProcess.start("stdio-self-contained", Map.of(
                "CONTEXT8_SOURCE", "replay",
                "CONTEXT8_REPLAY_FILES", recording.toString(),
                "CONTEXT8_REPLAY_PORT", String.valueOf(AppProcess.freePort()),
                "CONTEXT8_SYMBOLS", "BTCUSDT",
                "CONTEXT8_REDIS_EMBEDDED_PORT", String.valueOf(redisPort),
                "CONTEXT8_OBSERVABILITY_LOG_FORMAT", "text"))) {
            JsonNode report = Awaitility.await("a synced report over stdio").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500)).until(() -> all.callTool("get_report", "{\"symbol\":\"BTCUSDT\"}"),
                            // synced, and a trade applied: the book can sync before the recording's first trade
                            r -> !r.path("isError").asBoolean(true)
                                    && "synced".equals(r.at("/structuredContent/book/state").asText())
                                    && r.at("/structuredContent/last_price").isNumber());
            assertThat(all.logText()).contains("Embedded Redis at " + redisUrl)
                    .contains("Started consume-market-events").doesNotContain("Tomcat started");

            try (StdioMcpProcess reader = StdioMcpProcess.start("stdio-mcp-only", Map.of("REDIS_URL", redisUrl))) {
                JsonNode symbols = reader.callTool("list_symbols", "{}").at("/structuredContent/symbols");
                assertThat(symbols.findValuesAsText("symbol")).as("analytics' symbols, not the default BTCUSDT,ETHUSDT")
                        .containsExactly("BTCUSDT");
                assertThat(symbols.get(0).get("has_report").asBoolean()).isTrue();
                JsonNode shared = reader.callTool("get_report", "{\"symbol\":\"BTCUSDT\"}");
                assertThat(shared.at("/structuredContent/book/update_id").asLong()).isPositive();
                assertThat(reader.logText()).doesNotContain("Embedded Redis at")
                        .doesNotContain("Started consume-market-events");
            }
        }
    }
}
