package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.market.CandleInterval;
import io.context8.market.CandleSeries;
import io.context8.market.MarketDataJson;
import io.context8.market.RecentTrades;

/** Market data in the analytics role's formats for the in-memory store, and the checks of all-tools.mjs output. */
final class McpMarketToolsFixtures {

    private McpMarketToolsFixtures() {
    }

    /** A 30-level book at update id 77, 20 trades (ids 1-20), three 1m candles for BTCUSDT. */
    static void fill(InMemoryReportReader store) {
        ArrayOrderBook book = new ArrayOrderBook();
        for (int i = 1; i <= 30; i++) {
            book.apply(true, Decimals.parse(String.valueOf(1000 - i)), Decimals.ONE);
            book.apply(false, Decimals.parse(String.valueOf(1000 + i)), Decimals.ONE);
        }
        store.putString(MarketDataJson.bookKey("BTCUSDT"),
                MarketDataJson.book("BTCUSDT", book, 77, true, "synced", 1, 100));
        RecentTrades trades = new RecentTrades(20);
        for (int id = 1; id <= 20; id++) {
            trades.add(id, 1_000L * id, Decimals.parse("1000.5"), Decimals.parse("0.25"), id % 2 == 0);
        }
        List<String> newestTrades = new ArrayList<>();
        for (int i = 0; i < trades.size(); i++) {
            newestTrades.add(MarketDataJson.trade(trades, i));
        }
        store.putSorted(MarketDataJson.tradesKey("BTCUSDT"), newestTrades);
        CandleSeries candles = new CandleSeries(CandleInterval.M1.millis(), 10);
        for (int m = 0; m < 3; m++) {
            candles.add(60_000L * m, Decimals.parse(String.valueOf(1000 + m)), Decimals.ONE);
        }
        List<String> newestCandles = new ArrayList<>();
        for (int i = 0; i < candles.size(); i++) {
            newestCandles.add(MarketDataJson.candle(candles, i));
        }
        store.putSorted(MarketDataJson.candlesKey("BTCUSDT", CandleInterval.M1), newestCandles);
    }

    /** The output of {@code all-tools.mjs BTCUSDT ...} against {@link #fill}ed data and the given report. */
    static void assertEveryFeature(JsonNode out, JsonNode report) throws IOException {
        assertThat(out.at("/server/name").asText()).isEqualTo("context8");
        assertThat(out.get("tools").findValuesAsText("name")).containsExactlyInAnyOrder("get_report", "list_symbols",
                "get_order_book", "get_recent_trades", "get_ohlcv");
        assertThat(out.at("/resourceTemplates/0/uriTemplate").asText()).isEqualTo("report://{symbol}");
        assertThat(out.at("/prompts/0/name").asText()).isEqualTo("market_brief");
        // completion/complete of the symbol argument (the prompt's and the resource template's), typed in lower case
        assertThat(out.at("/completions/prompt/completion/values").get(0).asText()).isEqualTo("BTCUSDT");
        assertThat(out.at("/completions/resource/completion/values").get(0).asText()).isEqualTo("BTCUSDT");
        assertThat(out.at("/completions/prompt/completion/total").asInt())
                .isEqualTo(out.at("/completions/prompt/completion/values").size());
        assertThat(out.at("/completions/none/completion/values")).isEmpty();
        JsonNode calls = out.get("calls");
        calls.fields().forEachRemaining(e -> assertThat(e.getValue().path("isError").asBoolean(false))
                .as(e.getKey() + ": " + e.getValue()).isFalse());
        assertThat(McpHttpClient.sameJson(calls.at("/get_report/structuredContent"), report)).isTrue();
        assertThat(calls.at("/list_symbols/structuredContent/symbols/0/symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(calls.at("/get_order_book/structuredContent/bids").size()).isEqualTo(5);
        assertThat(calls.at("/get_order_book/structuredContent/bids/0/0").decimalValue()).isEqualByComparingTo("999");
        assertThat(calls.at("/get_order_book/structuredContent/update_id").asLong()).isEqualTo(77);
        assertThat(calls.at("/get_recent_trades/structuredContent/trades").findValuesAsText("id"))
                .containsExactly("20", "19", "18", "17", "16", "15", "14", "13", "12", "11");
        assertThat(calls.at("/get_ohlcv/structuredContent/candles").findValuesAsText("open_time_ms"))
                .containsExactly("0", "60000", "120000");
        JsonNode errors = out.get("errors");
        assertThat(errorCode(errors.get("invalid_symbol"))).isEqualTo("invalid_symbol");
        assertThat(errorCode(errors.get("not_indexed"))).isEqualTo("symbol_not_indexed");
        assertThat(errorCode(errors.get("bad_depth"))).isEqualTo("invalid_argument");
        assertThat(errorCode(errors.get("bad_interval"))).isEqualTo("invalid_argument");
        assertThat(errorCode(errors.get("wrong_type"))).isEqualTo("invalid_argument");
        assertThat(errors.at("/unknown_tool/jsonrpcError").asInt()).isEqualTo(-32602);
        assertThat(McpHttpClient.JSON.readTree(out.at("/resource/contents/0/text").asText())).isEqualTo(report);
        assertThat(out.at("/prompt/messages/0/content/text").asText()).contains("BTCUSDT", "data_age_ms");
    }

    static String errorCode(JsonNode result) throws IOException {
        assertThat(result.get("isError").asBoolean()).as(result.toString()).isTrue();
        return McpHttpClient.JSON.readTree(result.at("/content/0/text").asText()).get("error").asText();
    }
}
