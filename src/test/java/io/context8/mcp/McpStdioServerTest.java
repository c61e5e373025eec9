package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/** The stdio loop over in-memory streams: one answer line per request, nothing for notifications. */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(McpTestApplication.PROFILE)
class McpStdioServerTest {

    @Autowired
    McpHttpEndpoint endpoint;

    @Autowired
    InMemoryReportReader reports;

    @Test
    void answersEachRequestOnItsOwnLine() throws Exception {
        reports.clear();
        reports.put("BTCUSDT", InMemoryReportReader.resource("report-btcusdt.json"));
        String input = String.join("\n",
                McpServeHttpRouteTest.initialize(1, "2025-11-25"),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "",
                McpHttpClient.callGetReport(2, "{\"symbol\":\"BTCUSDT\"}"),
                McpHttpClient.callGetReport(3, "{\"symbol\":\"btc\"}"),
                "[" + McpHttpClient.request(4, "ping", null) + "," + McpHttpClient.request(5, "tools/list", null) + "]",
                "{broken") + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new McpStdioServer(endpoint, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out).serve();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(JSON.readTree(lines.get(0)).at("/result/protocolVersion").asText()).isEqualTo("2025-11-25");
        JsonNode report = JSON.readTree(lines.get(1));
        assertThat(report.get("id").asInt()).isEqualTo(2);
        assertThat(report.at("/result/structuredContent/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(JSON.readTree(lines.get(2)).at("/result/isError").asBoolean()).isTrue();
        assertThat(JSON.readTree(lines.get(3)).size()).as("batch: two answers").isEqualTo(2);
        assertThat(JSON.readTree(lines.get(4)).at("/error/code").asInt()).isEqualTo(-32700);
    }
}
