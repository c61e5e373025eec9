package io.context8.mcp;

import io.context8.testsupport.NodeProcess;

import static io.context8.mcp.McpHttpClient.JSON;
import static io.context8.mcp.McpHttpClient.sameJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The official MCP clients against the serving route: the TypeScript SDK client
 * ({@code client-tests/get-report.mjs}) and the MCP Inspector CLI. Skipped when Node.js or
 * {@code client-tests/node_modules} is absent (run {@code cd client-tests && npm ci}).
 */
@CamelSpringBootTest
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(McpTestApplication.PROFILE)
class McpTypeScriptClientTest {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    static final String BTC = InMemoryReportReader.resource("report-btcusdt.json");

    @LocalServerPort
    int port;

    @Autowired
    InMemoryReportReader reports;

    @TempDir
    Path home;

    @BeforeAll
    static void requireNodeClients() {
        NodeProcess.requireClients();
    }

    @BeforeEach
    void setUp() {
        reports.clear();
        reports.put("BTCUSDT", BTC);
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    // ---- TypeScript SDK client

    @Test
    void typeScriptClientGetsTheReport() throws IOException {
        NodeProcess.Result r = getReport("BTCUSDT");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode result = JSON.readTree(r.stdout());
        assertThat(result.path("isError").asBoolean(false)).as(r.toString()).isFalse();
        assertThat(sameJson(result.get("structuredContent"), JSON.readTree(BTC))).as(r.toString()).isTrue();
        assertThat(result.at("/content/0/text").asText()).as("the summary sentence first")
                .isEqualTo("Live Binance data (BTCUSDT): market time 2026-11-21T17:00:00.050Z, feed fresh (data 40 ms old).");
        assertThat(JSON.readTree(result.at("/content/1/text").asText())).isEqualTo(JSON.readTree(BTC));
        assertThat(r.stderr()).contains("connected to context8", "protocol 2025-");
    }

    @Test
    void typeScriptClientAcceptsToolErrors() throws IOException {
        NodeProcess.Result r = getReport("DOGEUSDT");
        assertThat(r.exitCode()).as("the client must not reject the error result: " + r).isZero();
        JsonNode result = JSON.readTree(r.stdout());
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(result.has("structuredContent")).isFalse();
        assertThat(JSON.readTree(result.at("/content/0/text").asText()).get("error").asText())
                .isEqualTo("symbol_not_indexed");
    }

    @Test
    void typeScriptClientSeesBackendUnavailable() throws IOException {
        reports.setUnavailable(true);
        NodeProcess.Result r = getReport("BTCUSDT");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode result = JSON.readTree(r.stdout());
        assertThat(result.get("isError").asBoolean()).isTrue();
        assertThat(JSON.readTree(result.at("/content/0/text").asText()).get("error").asText())
                .isEqualTo("backend_unavailable");
    }

    @Test
    void typeScriptClientFailsAgainstAWrongEndpoint() {
        NodeProcess.Result r = NodeProcess.run(TIMEOUT, Map.of(),
                List.of("node", "get-report.mjs", "http://127.0.0.1:" + port + "/not-mcp", "BTCUSDT"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
    }

    /** Every tool, resource and prompt through the official client ({@code all-tools.mjs}), valid and error cases. */
    @Test
    void typeScriptClientUsesEveryToolResourceAndPrompt() throws IOException {
        McpMarketToolsFixtures.fill(reports);
        NodeProcess.Result r = NodeProcess.run(TIMEOUT, Map.of(),
                List.of("node", "all-tools.mjs", "BTCUSDT", "http", url()));
        assertThat(r.exitCode()).as(r.toString()).isZero();
        McpMarketToolsFixtures.assertEveryFeature(JSON.readTree(r.stdout()), JSON.readTree(BTC));
    }

    NodeProcess.Result getReport(String symbol) {
        return NodeProcess.run(TIMEOUT, Map.of(), List.of("node", "get-report.mjs", url(), symbol));
    }

    // ---- MCP Inspector CLI

    @Test
    void inspectorListsTheTool() throws IOException {
        NodeProcess.Result r = inspector("--method", "tools/list");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode tools = JSON.readTree(r.stdout()).get("tools");
        assertThat(tools.get(0).get("name").asText()).isEqualTo("get_report");
        assertThat(tools.get(0).at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(tools.get(0).has("outputSchema")).isTrue();
    }

    @Test
    void inspectorCallsTheTool() throws IOException {
        NodeProcess.Result r = inspector("--method", "tools/call", "--tool-name", "get_report",
                "--tool-arg", "symbol=BTCUSDT");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(sameJson(JSON.readTree(r.stdout()).get("structuredContent"), JSON.readTree(BTC))).as(r.toString())
                .isTrue();
    }

    @Test
    void inspectorReportsToolErrorsWithItsToolErrorExitCode() {
        NodeProcess.Result r = inspector("--method", "tools/call", "--tool-name", "get_report",
                "--tool-arg", "symbol=DOGEUSDT");
        assertThat(r.exitCode()).as("exit 5 = tool error: " + r).isEqualTo(5);
        assertThat(r.stdout() + r.stderr()).contains("symbol_not_indexed");
    }

    @Test
    void inspectorFindsTheToolSchemasPortable() {
        NodeProcess.Result r = inspector("--method", "tools/list", "--strict");
        assertThat(r.exitCode()).as("exit 6 = an error-severity schema portability problem: " + r).isZero();
    }

    NodeProcess.Result inspector(String... args) {
        List<String> command = new ArrayList<>(List.of("npx", "--no-install", "@modelcontextprotocol/inspector",
                "--cli", url(), "--transport", "http"));
        command.addAll(List.of(args));
        // the CLI keeps a catalog file; keep it out of the user's home
        return NodeProcess.run(TIMEOUT, Map.of("MCP_CATALOG_PATH", home.resolve("mcp.json").toString(),
                "HOME", home.toString(), "NO_UPDATE_NOTIFIER", "1"), command);
    }
}
