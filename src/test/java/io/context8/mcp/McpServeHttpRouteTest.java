package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.JSON;
import static io.context8.mcp.McpHttpClient.callGetReport;
import static io.context8.mcp.McpHttpClient.json;
import static io.context8.mcp.McpHttpClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The serving routes end to end over real HTTP: {@code serve-mcp-http} (Streamable HTTP rules, MCP
 * lifecycle, the get_report tool) and {@code serve-report-http}. After each test, every response received is
 * checked for echoed request headers and leaked Java internals.
 */
@CamelSpringBootTest
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(McpTestApplication.PROFILE)
class McpServeHttpRouteTest {

    static final String BTC = InMemoryReportReader.resource("report-btcusdt.json");

    @LocalServerPort
    int port;

    @Autowired
    InMemoryReportReader reports;

    @Autowired
    CamelContext camel;

    McpHttpClient client;

    @BeforeEach
    void setUp() {
        reports.clear();
        reports.put("BTCUSDT", BTC);
        client = new McpHttpClient(port);
    }

    @AfterEach
    void noResponseEchoesHeadersOrLeaksInternals() {
        for (HttpResponse<String> r : client.drain()) {
            if (r.uri().getPath().equals("/mcp")) {
                assertThat(r.statusCode()).as("never a 5xx from /mcp: %s", r.body()).isLessThan(500);
            }
            assertThat(r.body()).as("body of %s", r.uri()).doesNotContain("Exception", "java.", "\tat ");
            assertThat(r.headers().map().keySet()).as("headers of %s", r.uri())
                    .noneMatch(h -> h.equalsIgnoreCase("Authorization") || h.equalsIgnoreCase("X-Secret")
                            || h.equalsIgnoreCase("Origin") || h.equalsIgnoreCase("MCP-Protocol-Version"));
            assertThat(r.headers().map().toString()).doesNotContain(McpHttpClient.SECRET);
            assertThat(r.body()).doesNotContain(McpHttpClient.SECRET);
        }
    }

    @Test
    void routesAreLoadedWithTheirIds() {
        assertThat(camel.getRoute("serve-mcp-http")).isNotNull();
        assertThat(camel.getRoute("serve-report-http")).isNotNull();
        assertThat(camel.getRoute("serve-mcp-http").getDescription()).isNotBlank();
    }

    @Test
    void theEndpointWasWarmedUpAtStartup(@Autowired McpWarmup warmup) {
        assertThat(warmup.succeeded()).isTrue();
    }

    // ---- lifecycle

    @ParameterizedTest(name = "initialize negotiates {0}")
    @ValueSource(strings = {"2025-11-25", "2025-06-18", "2025-03-26"})
    void initializeNegotiatesEachSupportedVersion(String version) {
        HttpResponse<String> r = client.post(initialize(1, version));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        JsonNode result = json(r).get("result");
        assertThat(result.get("protocolVersion").asText()).isEqualTo(version);
        assertThat(result.at("/serverInfo/name").asText()).isEqualTo("context8");
        assertThat(result.at("/serverInfo/version").asText()).isNotBlank();
        assertThat(result.get("capabilities").has("tools")).isTrue();
        assertThat(result.get("capabilities").has("logging")).as("stateless: no logging").isFalse();
        assertThat(json(r).get("id").asInt()).isEqualTo(1);
    }

    @Test
    void initializeWithAnUnknownVersionGetsTheLatest() {
        JsonNode result = json(client.post(initialize("a", "2024-01-01"))).get("result");
        assertThat(result.get("protocolVersion").asText()).isEqualTo("2025-11-25");
    }

    @Test
    void pingAnswersAnEmptyResult() {
        JsonNode r = json(client.post(request(7, "ping", null)));
        assertThat(r.get("result").isObject()).isTrue();
        assertThat(r.get("result").size()).isZero();
    }

    // ---- tools/list

    @Test
    void toolsListDescribesGetReport() throws IOException {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "MCP-Protocol-Version", "2025-11-25");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode tools = json(r).at("/result/tools");
        assertThat(tools.findValuesAsText("name")).containsExactlyInAnyOrder("get_report", "list_symbols",
                "get_order_book", "get_recent_trades", "get_ohlcv");
        JsonNode tool = null;
        for (JsonNode t : tools) {
            if (t.get("name").asText().equals("get_report")) {
                tool = t;
            }
        }
        assertThat(tool.get("name").asText()).isEqualTo("get_report");
        assertThat(tool.get("description").asText()).contains("BTCUSDT", "ETHUSDT", "symbol_not_indexed");
        assertThat(tool.at("/annotations/readOnlyHint").asBoolean()).isTrue();
        assertThat(tool.at("/inputSchema/required/0").asText()).isEqualTo("symbol");
        assertThat(tool.at("/inputSchema/properties/symbol/type").asText()).isEqualTo("string");
        assertThat(tool.at("/inputSchema/properties/symbol/pattern").asText()).isEqualTo("^[A-Z0-9]{2,20}$");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("schemas/market-report.schema.json")) {
            assertThat(tool.get("outputSchema")).isEqualTo(JSON.readTree(in));
        }
    }

    // ---- tools/call

    @Test
    void getReportReturnsTheStoredReportAsStructuredAndTextContent() throws IOException {
        JsonNode result = json(client.post(callGetReport(3, "{\"symbol\":\"BTCUSDT\"}"))).get("result");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(result.get("structuredContent")).isEqualTo(JSON.readTree(BTC));
        assertThat(result.at("/content/0/type").asText()).isEqualTo("text");
        assertThat(result.at("/content/0/text").asText()).as("one plain sentence first")
                .startsWith("Live Binance data (BTCUSDT): market time 2026-11-21T17:00:00.050Z, feed fresh");
        assertThat(result.at("/content/1/type").asText()).isEqualTo("text");
        assertThat(JSON.readTree(result.at("/content/1/text").asText())).isEqualTo(JSON.readTree(BTC));
    }

    @Test
    void aReportFullOfNullsIsServed() throws IOException {
        String eth = InMemoryReportReader.resource("report-ethusdt-warming.json");
        reports.put("ETHUSDT", eth);
        JsonNode result = json(client.post(callGetReport(3, "{\"symbol\":\"ETHUSDT\"}"))).get("result");
        assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isFalse();
        assertThat(result.get("structuredContent")).isEqualTo(JSON.readTree(eth));
    }

    @ParameterizedTest(name = "stored report {0} is an internal_error")
    @ValueSource(strings = {"{\"symbol\":\"BTCUSDT\"}", "not json", "[1,2]"})
    void aReportBreakingTheSchemaIsAnInternalError(String stored) {
        reports.put("BTCUSDT", stored);
        JsonNode result = json(client.post(callGetReport(3, "{\"symbol\":\"BTCUSDT\"}"))).get("result");
        assertToolError(result, "internal_error");
    }

    @Test
    void eachNewReportVersionIsCheckedAgainAfterOneWasServed() throws IOException {
        assertThat(json(client.post(callGetReport(3, "{\"symbol\":\"BTCUSDT\"}"))).at("/result/isError")
                .asBoolean(false)).isFalse();
        reports.put("BTCUSDT", "{\"symbol\":\"BTCUSDT\"}");
        assertToolError(json(client.post(callGetReport(4, "{\"symbol\":\"BTCUSDT\"}"))).get("result"),
                "internal_error");
        String newer = BTC.replaceFirst("\"symbol\"\\s*:\\s*\"BTCUSDT\"", "\"symbol\": \"BTCUSDT\" ");
        reports.put("BTCUSDT", newer + " ");
        JsonNode result = json(client.post(callGetReport(5, "{\"symbol\":\"BTCUSDT\"}"))).get("result");
        assertThat(result.path("isError").asBoolean(false)).isFalse();
        assertThat(result.at("/content/1/text").asText()).isEqualTo(newer + " ");
    }

    @ParameterizedTest(name = "no report for {0}")
    @ValueSource(strings = {"ETHUSDT", "DOGEUSDT"})
    void symbolNotIndexed(String symbol) {
        JsonNode result = json(client.post(callGetReport(4, "{\"symbol\":\"" + symbol + "\"}"))).get("result");
        assertToolError(result, "symbol_not_indexed");
        assertThat(errorText(result).get("symbol").asText()).isEqualTo(symbol);
    }

    @Test
    void backendUnavailable() {
        reports.setUnavailable(true);
        JsonNode result = json(client.post(callGetReport(5, "{\"symbol\":\"BTCUSDT\"}"))).get("result");
        assertToolError(result, "backend_unavailable");
    }

    @ParameterizedTest(name = "invalid arguments {0}")
    @ValueSource(strings = {"{\"symbol\":42}", "{\"symbol\":\"btcusdt\"}", "{}", "{\"symbol\":\"B\"}",
        "{\"symbol\":\"BTCUSDT\",\"extra\":true}", "{\"symbol\":null}", "{\"symbol\":[\"BTCUSDT\"]}"})
    void invalidArgumentsAreInvalidSymbol(String arguments) {
        HttpResponse<String> r = client.post(callGetReport(6, arguments));
        assertThat(r.statusCode()).isEqualTo(200);
        assertToolError(json(r).get("result"), "invalid_symbol");
    }

    @Test
    void missingArgumentsAreInvalidSymbol() {
        JsonNode r = json(client.post(request(6, "tools/call", "{\"name\":\"get_report\"}")));
        assertToolError(r.get("result"), "invalid_symbol");
    }

    @Test
    void unknownToolIsAJsonRpcError() {
        JsonNode r = json(client.post(request(8, "tools/call", "{\"name\":\"get_price\",\"arguments\":{}}")));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.get("id").asInt()).isEqualTo(8);
    }

    @Test
    void malformedToolCallParamsAreSanitized() {
        JsonNode r = json(client.post(request(9, "tools/call", "{\"name\":{\"x\":1}}")));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32602);
        assertThat(r.get("id").asInt()).isEqualTo(9);
    }

    @Test
    void unknownMethodIsMethodNotFound() {
        JsonNode r = json(client.post(request("m-1", "sampling/createMessage", null)));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(r.get("id").asText()).isEqualTo("m-1");
    }

    @Test
    void completionCompletesTheSymbolAndRejectsMissingParams() {
        JsonNode r = json(client.post(request("c-1", "completion/complete",
                "{\"ref\":{\"type\":\"ref/resource\",\"uri\":\"report://{symbol}\"},"
                        + "\"argument\":{\"name\":\"symbol\",\"value\":\"b\"}}")));
        assertThat(r.at("/result/completion/values/0").asText()).isEqualTo("BTCUSDT");
        for (String params : new String[] {null, "{}", "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"market_brief\"}}",
                "{\"ref\":{\"type\":\"ref/prompt\"},\"argument\":{\"value\":\"b\"}}"}) {
            JsonNode e = json(client.post(request("c-2", "completion/complete", params)));
            assertThat(e.at("/error/code").asInt()).as("params " + params).isEqualTo(-32602);
        }
    }

    @Test
    void loggingIsNotServed() {
        JsonNode r = json(client.post(request(10, "logging/setLevel", "{\"level\":\"info\"}")));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32601);
    }

    // ---- Streamable HTTP rules

    @Test
    void foreignOriginIsForbidden() {
        HttpResponse<String> r = client.post(initialize(1, "2025-11-25"), "Origin", "https://evil.example.net");
        assertThat(r.statusCode()).isEqualTo(403);
        assertIdLessError(r);
    }

    @ParameterizedTest(name = "origin {0} is allowed")
    @ValueSource(strings = {"http://localhost:6274", "http://127.0.0.1:3000", "http://[::1]:8080",
        "https://console.example.com"})
    void localAndListedOriginsAreAllowed(String origin) {
        assertThat(client.post(initialize(1, "2025-11-25"), "Origin", origin).statusCode()).isEqualTo(200);
    }

    @Test
    void unsupportedProtocolVersionHeaderIsABadRequest() {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "MCP-Protocol-Version", "2024-11-05");
        assertThat(r.statusCode()).isEqualTo(400);
        assertIdLessError(r);
        assertThat(json(r).at("/error/message").asText()).contains("2025-11-25");
    }

    @Test
    void aMissingProtocolVersionHeaderIsAccepted() {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "MCP-Protocol-Version", null);
        assertThat(r.statusCode()).as("absent: the server assumes 2025-03-26").isEqualTo(200);
        assertThat(json(r).at("/result/tools").isArray()).isTrue();
    }

    @ParameterizedTest(name = "MCP-Protocol-Version {0} is a bad request")
    @ValueSource(strings = {"banana", "", "2025-11-25, 2025-06-18", "2026-01-01"})
    void malformedProtocolVersionHeadersAreBadRequests(String version) {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "MCP-Protocol-Version", version);
        assertThat(r.statusCode()).isEqualTo(400);
        assertIdLessError(r);
    }

    @ParameterizedTest(name = "Accept {0} is not acceptable")
    @ValueSource(strings = {"text/event-stream", "text/html", "application/json;q=0"})
    void acceptMustAllowJson(String accept) {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "Accept", accept);
        assertThat(r.statusCode()).isEqualTo(406);
    }

    @ParameterizedTest(name = "Accept {0} is fine")
    @ValueSource(strings = {"application/json", "*/*", "application/json; charset=utf-8, text/event-stream"})
    void acceptVariants(String accept) {
        assertThat(client.post(request(2, "tools/list", null), "Accept", accept).statusCode()).isEqualTo(200);
    }

    @Test
    void contentTypeMustBeJson() {
        HttpResponse<String> r = client.post(request(2, "tools/list", null), "Content-Type", "text/plain");
        assertThat(r.statusCode()).isEqualTo(415);
        assertIdLessError(r);
    }

    @Test
    void oversizeBodyIsRejected() {
        String padding = "x".repeat(70 * 1024);
        HttpResponse<String> r = client.post(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":{\"pad\":\"" + padding + "\"}}");
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void notificationsAndResponsesAreAccepted() {
        HttpResponse<String> n = client.post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        assertThat(n.statusCode()).isEqualTo(202);
        assertThat(n.body()).isEmpty();
        HttpResponse<String> resp = client.post("{\"jsonrpc\":\"2.0\",\"id\":\"srv-1\",\"result\":{}}");
        assertThat(resp.statusCode()).isEqualTo(202);
        assertThat(resp.body()).isEmpty();
    }

    @Test
    void getAndDeleteAreNotAllowed() {
        for (String method : List.of("GET", "DELETE")) {
            HttpResponse<String> r = client.send(method, "/mcp", null, Map.of("Accept", "text/event-stream"));
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).as(method).hasValue("POST");
        }
    }

    @ParameterizedTest(name = "parse error for {0}")
    @ValueSource(strings = {"{not json", "", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"", "{\"a\":1,\"a\":2}"})
    void invalidJsonIsAParseError(String body) {
        HttpResponse<String> r = client.post(body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32700);
        assertThat(json(r).get("id").isNull()).isTrue();
    }

    @ParameterizedTest(name = "invalid request {0}")
    @ValueSource(strings = {"42", "{\"id\":1,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}", "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
        "[]"})
    void invalidRequests(String body) {
        HttpResponse<String> r = client.post(body);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asInt()).isEqualTo(-32600);
    }

    @Test
    void batchesGetOneResponsePerRequest() {
        HttpResponse<String> r = client.post("[" + request(1, "ping", null)
                + ",{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"},"
                + callGetReport(2, "{\"symbol\":\"BTCUSDT\"}") + "]");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode array = json(r);
        assertThat(array.size()).isEqualTo(2);
        assertThat(array.get(1).at("/result/structuredContent/symbol").asText()).isEqualTo("BTCUSDT");
    }

    // ---- GET /get_report

    @Test
    void plainHttpReport() throws IOException {
        HttpResponse<String> ok = client.get("/get_report?symbol=BTCUSDT");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(JSON.readTree(ok.body())).isEqualTo(JSON.readTree(BTC));

        HttpResponse<String> bad = client.get("/get_report?symbol=btc-usdt");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).isEqualTo("invalid_symbol");
        assertThat(client.get("/get_report").statusCode()).isEqualTo(400);

        HttpResponse<String> missing = client.get("/get_report?symbol=DOGEUSDT");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).isEqualTo("symbol_not_indexed");

        reports.setUnavailable(true);
        HttpResponse<String> down = client.get("/get_report?symbol=BTCUSDT");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(json(down).get("error").asText()).isEqualTo("backend_unavailable");
    }

    @Test
    void plainHttpReportIsGetOnly() {
        HttpResponse<String> r = client.send("POST", "/get_report?symbol=BTCUSDT", "{}",
                Map.of("Content-Type", "application/json"));
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
    }

    // ---- helpers

    static String initialize(Object id, String version) {
        return request(id, "initialize", "{\"protocolVersion\":\"" + version + "\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"raw-http-test\",\"version\":\"1.0\"}}");
    }

    static JsonNode errorText(JsonNode result) {
        try {
            return JSON.readTree(result.at("/content/0/text").asText());
        } catch (IOException e) {
            throw new AssertionError("error text is not JSON: " + result, e);
        }
    }

    static void assertToolError(JsonNode result, String code) {
        assertThat(result).as("a CallToolResult").isNotNull();
        assertThat(result.path("isError").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.has("structuredContent")).as("no structuredContent on errors").isFalse();
        assertThat(errorText(result).get("error").asText()).isEqualTo(code);
        assertThat(errorText(result).get("message").asText()).isNotBlank();
        assertThat(result.at("/_meta/io.context8~1error").asText()).isEqualTo(code);
    }

    static void assertIdLessError(HttpResponse<String> r) {
        JsonNode body = json(r);
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.get("id").isNull()).isTrue();
        assertThat(body.at("/error/code").isInt()).isTrue();
    }
}
