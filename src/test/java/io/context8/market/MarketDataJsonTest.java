package io.context8.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import org.junit.jupiter.api.Test;

class MarketDataJsonTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tradeIsExactJson() throws Exception {
        RecentTrades t = new RecentTrades(2);
        t.add(42, 1_723_000_000_000L, Decimals.parse("61837.63"), Decimals.parse("0.00012"), true);
        JsonNode n = JSON.readTree(MarketDataJson.trade(t, 0));
        assertThat(n.get("id").asLong()).isEqualTo(42);
        assertThat(n.get("time_ms").asLong()).isEqualTo(1_723_000_000_000L);
        assertThat(n.get("price").decimalValue()).isEqualByComparingTo("61837.63");
        assertThat(n.get("qty").decimalValue()).isEqualByComparingTo("0.00012");
        assertThat(n.get("side").asText()).isEqualTo("sell");
    }

    @Test
    void candleCarriesItsCloseTime() throws Exception {
        CandleSeries c = new CandleSeries(60_000, 2);
        c.add(61_000, Decimals.parse("2"), Decimals.parse("3"));
        JsonNode n = JSON.readTree(MarketDataJson.candle(c, 0));
        assertThat(n.get("open_time_ms").asLong()).isEqualTo(60_000);
        assertThat(n.get("close_time_ms").asLong()).isEqualTo(119_999);
        assertThat(n.get("volume").decimalValue()).isEqualByComparingTo("3");
        assertThat(n.get("trades").asLong()).isEqualTo(1);
    }

    @Test
    void bookExcerptIsTopNBestFirstAndEmptyWhenOutOfSync() throws Exception {
        OrderBook book = new ArrayOrderBook();
        for (int i = 1; i <= 5; i++) {
            book.apply(true, Decimals.parse(String.valueOf(100 - i)), Decimals.ONE);
            book.apply(false, Decimals.parse(String.valueOf(100 + i)), Decimals.ONE * i);
        }
        JsonNode n = JSON.readTree(MarketDataJson.book("BTCUSDT", book, 9, true, "synced", 5, 3));
        assertThat(n.get("bids").size()).isEqualTo(3);
        assertThat(n.at("/bids/0/0").decimalValue()).isEqualByComparingTo("99");
        assertThat(n.at("/asks/2/0").decimalValue()).isEqualByComparingTo("103");
        assertThat(n.at("/asks/2/1").decimalValue()).isEqualByComparingTo("3");
        assertThat(n.get("update_id").asLong()).isEqualTo(9);
        JsonNode out = JSON.readTree(MarketDataJson.book("BTCUSDT", book, -1, false, "buffering", 5, 3));
        assertThat(out.get("bids").size()).isZero();
        assertThat(out.get("update_id").isNull()).isTrue();
    }

    @Test
    void numbersArePlainAndMinimal() {
        RecentTrades t = new RecentTrades(2);
        t.add(42, 1_723_000_000_000L, Decimals.parse("61837.60000000"), Decimals.parse("0.00009000"), false);
        assertThat(MarketDataJson.trade(t, 0)).contains("\"price\":61837.6,\"qty\":0.00009,");
        OrderBook book = new ArrayOrderBook();
        book.apply(true, Decimals.parse("0.00000012"), Decimals.parse("123456789.00000000"));
        book.apply(false, Decimals.parse("0.00000013"), Decimals.parse("5"));
        assertThat(MarketDataJson.book("PEPEUSDT", book, 9, true, "synced", 5, 3))
                .contains("\"bids\":[[0.00000012,123456789]],\"asks\":[[0.00000013,5]]");
    }
}
