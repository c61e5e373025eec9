package io.context8.mcp;

import static io.context8.mcp.McpHttpClient.JSON;
import static io.context8.mcp.McpHttpClient.json;
import static io.context8.mcp.McpHttpClient.request;
import static io.context8.mcp.McpServeHttpRouteTest.assertToolError;
import static io.context8.mcp.McpServeHttpRouteTest.errorText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.context8.book.Decimals;
import io.context8.market.CandleInterval;
import io.context8.market.CandleSeries;
import io.context8.market.MarketDataJson;
import io.context8.market.RecentTrades;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * list_symbols, get_order_book, get_recent_trades, get_ohlcv, the report:// resource template and the
 * market_brief prompt over raw HTTP, against data written in the analytics role's formats
 * ({@link MarketDataJson}); every structuredContent is checked against the tool's output schema.
 */
@CamelSpringBootTest
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(McpTestApplication.PROFILE)
class McpMarketToolsTest {

    static final String BTC = InMemoryReportReader.resource("report-btcusdt.json");
    static final JacksonMcpJsonMapper MAPPER = new JacksonMcpJsonMapper(JSON);

    @LocalServerPort
    int port;

    @Autowired
    InMemoryReportReader store;

    McpHttpClient client;
    final NetworkntSchemaValidator validator = new NetworkntSchemaValidator(JSON);

    @BeforeEach
    void setUp() {
        store.clear();
        store.put("BTCUSDT", BTC);
        client = new McpHttpClient(port);
    }

    JsonNode call(String tool, String args) {
        return json(client.post(request(1, "tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + args + "}")))
                .get("result");
    }

    @SuppressWarnings("unchecked")
    void assertMatchesSchema(JsonNode result, String schema) {
        assertThat(result.path("isError").asBoolean(false)).as(result.toString()).isFalse();
        var v = validator.validate(MarketTools.loadSchema(MAPPER, schema),
                JSON.convertValue(result.get("structuredContent"), Map.class));
        assertThat(v.valid()).as(v.errorMessage()).isTrue();
        assertThat(McpHttpClient.sameJson(parse(result.at("/content/0/text").asText()), result.get("structuredContent")))
                .isTrue();
    }

    static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void everyToolIsReadOnlyWithSchemas() {
        JsonNode tools = json(client.post(request(1, "tools/list", null))).at("/result/tools");
        assertThat(tools.size()).isEqualTo(5);
        for (JsonNode t : tools) {
            assertThat(t.at("/annotations/readOnlyHint").asBoolean()).as(t.get("name").asText()).isTrue();
            assertThat(t.at("/inputSchema/type").asText()).isEqualTo("object");
            assertThat(t.at("/outputSchema/type").asText()).isEqualTo("object");
        }
    }

    @Test
    void listSymbolsReportsEachConfiguredSymbol() {
        JsonNode result = call("list_symbols", "{}");
        assertMatchesSchema(result, "schemas/mcp-symbols.schema.json");
        JsonNode symbols = result.at("/structuredContent/symbols");
        assertThat(symbols.findValuesAsText("symbol")).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(symbols.get(0).get("has_report").asBoolean()).isTrue();
        assertThat(symbols.get(0).get("ingestion_status").asText()).isEqualTo("ok");
        assertThat(symbols.get(0).get("data_age_ms").isNumber()).isTrue();
        assertThat(symbols.get(0).get("status").asText()).isEqualTo("receiving");
        assertThat(symbols.get(1).get("has_report").asBoolean()).isFalse();
        assertThat(symbols.get(1).get("data_age_ms").isNull()).isTrue();
        assertThat(symbols.get(1).get("status").asText()).isEqualTo("no report yet");
    }

    @Test
    void listSymbolsSaysWhenASymbolHasNoData() {
        String reason = io.context8.analytics.IngestionHealth.NO_DATA_REASON + ": the feed has delivered no event for it";
        store.put("ETHUSDT", InMemoryReportReader.resource("report-ethusdt-warming.json")
                .replace("\"awaiting_snapshot\"", "\"no_data\"").replace("\"no events yet\"", "\"" + reason + "\""));
        JsonNode result = call("list_symbols", "{}");
        assertMatchesSchema(result, "schemas/mcp-symbols.schema.json");
        JsonNode eth = result.at("/structuredContent/symbols/1");
        assertThat(eth.get("symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(eth.get("has_report").asBoolean()).isTrue();
        assertThat(eth.get("ingestion_status").asText()).isEqualTo("down");
        assertThat(eth.get("status").asText()).isEqualTo(reason);
    }

    @Test
    void numbersStayPlainDecimalsOnTheWire() {
        var book = new io.context8.book.ArrayOrderBook();
        book.apply(true, Decimals.parse("0.00000012"), Decimals.parse("0.00009"));
        book.apply(false, Decimals.parse("0.00000013"), Decimals.parse("12345678.9"));
        store.putString("book:BTCUSDT", MarketDataJson.book("BTCUSDT", book, 77, true, "synced", 1, 100));
        String body = client.post(request(1, "tools/call",
                "{\"name\":\"get_order_book\",\"arguments\":{\"symbol\":\"BTCUSDT\"}}")).body();
        // structuredContent is re-serialized by the server: no 9.0E-5, 1.2E-7 or 1.23456789E7 there either
        assertThat(body).contains("\"bids\":[[0.00000012,0.00009]]").contains("\"asks\":[[0.00000013,12345678.9]]")
                .doesNotContainPattern("[0-9][eE][-+]?[0-9]");
        String report = client.post(request(2, "tools/call",
                "{\"name\":\"get_report\",\"arguments\":{\"symbol\":\"BTCUSDT\"}}")).body();
        assertThat(report).contains("\"level_qty_p10\":0.0008,").contains("\"quote_volume\":1482300000.5,")
                .doesNotContainPattern("[0-9][eE][-+]?[0-9]");
    }

    @Test
    void orderBookIsCutToTheAskedDepth() {
        var book = new io.context8.book.ArrayOrderBook();
        for (int i = 1; i <= 30; i++) {
            book.apply(true, Decimals.parse(String.valueOf(1000 - i)), Decimals.ONE);
            book.apply(false, Decimals.parse(String.valueOf(1000 + i)), Decimals.ONE);
        }
        store.putString("book:BTCUSDT", MarketDataJson.book("BTCUSDT", book, 77, true, "synced", 1, 100));
        JsonNode result = call("get_order_book", "{\"symbol\":\"BTCUSDT\",\"depth\":5}");
        assertMatchesSchema(result, "schemas/mcp-order-book.schema.json");
        JsonNode s = result.get("structuredContent");
        assertThat(s.get("bids").size()).isEqualTo(5);
        assertThat(s.get("depth").asInt()).isEqualTo(5);
        assertThat(s.at("/bids/0/0").decimalValue()).isEqualByComparingTo("999");
        assertThat(s.at("/asks/4/0").decimalValue()).isEqualByComparingTo("1005");
        assertThat(s.get("update_id").asLong()).isEqualTo(77);
        assertThat(s.get("in_sync").asBoolean()).isTrue();
        assertThat(call("get_order_book", "{\"symbol\":\"BTCUSDT\"}").at("/structuredContent/depth").asInt())
                .as("default depth 20").isEqualTo(20);
    }

    @Test
    void noBookYetIsSymbolNotIndexedWithAClearMessage() {
        JsonNode result = call("get_order_book", "{\"symbol\":\"BTCUSDT\"}");
        assertToolError(result, "symbol_not_indexed");
        assertThat(errorText(result).get("message").asText()).contains("retry");
    }

    @Test
    void recentTradesNewestFirstUpToTheLimit() {
        RecentTrades t = new RecentTrades(10);
        List<String> newestFirst = new ArrayList<>();
        for (int id = 1; id <= 10; id++) {
            t.add(id, 1000L + id, Decimals.parse("100.5"), Decimals.parse("0.1"), id % 2 == 0);
        }
        for (int i = 0; i < t.size(); i++) {
            newestFirst.add(MarketDataJson.trade(t, i));
        }
        store.putSorted("trades:BTCUSDT", newestFirst);
        JsonNode result = call("get_recent_trades", "{\"symbol\":\"BTCUSDT\",\"limit\":3}");
        assertMatchesSchema(result, "schemas/mcp-recent-trades.schema.json");
        JsonNode trades = result.at("/structuredContent/trades");
        assertThat(trades.findValuesAsText("id")).containsExactly("10", "9", "8");
        assertThat(trades.get(0).get("side").asText()).isEqualTo("sell");
        assertThat(trades.get(1).get("side").asText()).isEqualTo("buy");
        assertThat(result.at("/structuredContent/count").asInt()).isEqualTo(3);
    }

    @Test
    void ohlcvOldestFirstWithClosedFlags() {
        CandleSeries c = new CandleSeries(CandleInterval.M1.millis(), 10);
        long now = System.currentTimeMillis();
        long minute = now / 60_000 * 60_000;
        c.add(minute - 120_000, Decimals.parse("10"), Decimals.ONE);
        c.add(minute - 60_000, Decimals.parse("11"), Decimals.ONE);
        c.add(minute, Decimals.parse("12"), Decimals.ONE);
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < c.size(); i++) {
            newestFirst.add(MarketDataJson.candle(c, i));
        }
        store.putSorted("ohlcv:BTCUSDT:1m", newestFirst);
        JsonNode result = call("get_ohlcv", "{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"limit\":2}");
        assertMatchesSchema(result, "schemas/mcp-ohlcv.schema.json");
        JsonNode candles = result.at("/structuredContent/candles");
        assertThat(candles.size()).isEqualTo(2);
        assertThat(candles.get(0).get("open_time_ms").asLong()).isEqualTo(minute - 60_000);
        assertThat(candles.get(0).get("closed").asBoolean()).isTrue();
        assertThat(candles.get(1).get("open_time_ms").asLong()).isEqualTo(minute);
        assertThat(candles.get(1).get("closed").asBoolean()).isFalse();
        assertThat(result.at("/structuredContent/interval").asText()).isEqualTo("1m");
    }

    @Test
    void emptyTradesAndCandlesAreEmptyLists() {
        assertThat(call("get_recent_trades", "{\"symbol\":\"ETHUSDT\"}").at("/structuredContent/count").asInt())
                .isZero();
        assertThat(call("get_ohlcv", "{\"symbol\":\"ETHUSDT\",\"interval\":\"1h\"}").at("/structuredContent/count")
                .asInt()).isZero();
    }

    @ParameterizedTest(name = "invalid arguments {0}")
    @ValueSource(strings = {
        "get_order_book|{\"symbol\":\"BTCUSDT\",\"depth\":0}",
        "get_order_book|{\"symbol\":\"BTCUSDT\",\"depth\":101}",
        "get_order_book|{\"symbol\":\"BTCUSDT\",\"depth\":\"ten\"}",
        "get_recent_trades|{\"symbol\":\"BTCUSDT\",\"limit\":501}",
        "get_recent_trades|{\"symbol\":\"BTCUSDT\",\"extra\":1}",
        "get_ohlcv|{\"symbol\":\"BTCUSDT\",\"interval\":\"2m\"}",
        "get_ohlcv|{\"symbol\":\"BTCUSDT\"}",
        "get_ohlcv|{\"symbol\":\"BTCUSDT\",\"interval\":\"1m\",\"limit\":-1}",
        "list_symbols|{\"symbol\":\"BTCUSDT\"}"})
    void badArgumentsAreInvalidArgument(String toolAndArgs) {
        String[] parts = toolAndArgs.split("\\|", 2);
        JsonNode result = call(parts[0], parts[1]);
        assertToolError(result, "invalid_argument");
        assertThat(errorText(result).get("message").asText()).startsWith("Invalid arguments for " + parts[0])
                .doesNotContain("Exception", "java.");
    }

    @ParameterizedTest(name = "symbol {0}")
    @ValueSource(strings = {"{\"symbol\":\"btcusdt\"}", "{\"symbol\":7}", "{}"})
    void badSymbolsAreInvalidSymbolOrArgument(String args) {
        JsonNode result = call("get_recent_trades", args);
        assertThat(errorText(result).get("error").asText()).isIn("invalid_symbol", "invalid_argument");
        assertThat(result.path("isError").asBoolean()).isTrue();
    }

    @Test
    void unknownSymbolIsNotIndexed() {
        assertToolError(call("get_ohlcv", "{\"symbol\":\"DOGEUSDT\",\"interval\":\"1m\"}"), "symbol_not_indexed");
    }

    @Test
    void storeDownIsBackendUnavailable() {
        store.setUnavailable(true);
        assertToolError(call("get_order_book", "{\"symbol\":\"BTCUSDT\"}"), "backend_unavailable");
        assertToolError(call("list_symbols", "{}"), "backend_unavailable");
    }

    // ---- resources and prompts

    @Test
    void resourceTemplateIsListedAndReadsTheReport() {
        JsonNode templates = json(client.post(request(1, "resources/templates/list", null)))
                .at("/result/resourceTemplates");
        assertThat(templates.get(0).get("uriTemplate").asText()).isEqualTo("report://{symbol}");
        JsonNode contents = json(client.post(request(2, "resources/read", "{\"uri\":\"report://BTCUSDT\"}")))
                .at("/result/contents/0");
        assertThat(contents.get("mimeType").asText()).isEqualTo("application/json");
        assertThat(parse(contents.get("text").asText())).isEqualTo(parse(BTC));
    }

    @Test
    void missingReportResourceIsResourceNotFound() {
        JsonNode r = json(client.post(request(3, "resources/read", "{\"uri\":\"report://ETHUSDT\"}")));
        assertThat(r.at("/error/code").asInt()).isEqualTo(-32002);
        assertThat(r.at("/error/message").asText()).contains("ETHUSDT");
        assertThat(r.get("id").asInt()).isEqualTo(3);
    }

    @Test
    void promptAsksForACaveatedBrief() {
        JsonNode prompts = json(client.post(request(1, "prompts/list", null))).at("/result/prompts");
        assertThat(prompts.get(0).get("name").asText()).isEqualTo("market_brief");
        assertThat(prompts.get(0).at("/arguments/0/name").asText()).isEqualTo("symbol");
        JsonNode r = json(client.post(request(2, "prompts/get",
                "{\"name\":\"market_brief\",\"arguments\":{\"symbol\":\"BTCUSDT\"}}"))).get("result");
        String text = r.at("/messages/0/content/text").asText();
        assertThat(r.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(text).contains("BTCUSDT", "get_report", "data_age_ms", "stale");
        JsonNode bad = json(client.post(request(3, "prompts/get",
                "{\"name\":\"market_brief\",\"arguments\":{\"symbol\":\"no\"}}")));
        assertThat(bad.at("/error/code").asInt()).isEqualTo(-32602);
    }
}
