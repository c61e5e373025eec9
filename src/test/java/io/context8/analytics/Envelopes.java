package io.context8.analytics;

import java.util.Map;

import io.context8.redis.StreamEntry;

/** Generated market event envelopes, as ingest writes them to the stream. */
final class Envelopes {

    private static long seq;

    private Envelopes() {
    }

    static StreamEntry entry(String json) {
        seq++;
        return new StreamEntry(seq + "-0", Map.of("type", "x", "symbol", "x", "event", json));
    }

    static StreamEntry snapshot(String symbol, long lastUpdateId, String bids, String asks, long ts) {
        return entry(env("order_book_depth", symbol, ts,
                "{\"last_update_id\":" + lastUpdateId + ",\"bids\":" + bids + ",\"asks\":" + asks + "}"));
    }

    static StreamEntry diff(String symbol, long first, long last, String bids, String asks, long ts) {
        return entry(env("order_book_deltas", symbol, ts, "{\"first_update_id\":" + first + ",\"final_update_id\":"
                + last + ",\"bids\":" + bids + ",\"asks\":" + asks + "}"));
    }

    static StreamEntry trade(String symbol, long id, String price, String qty, String aggressor, long ts) {
        return entry(env("trade_tick", symbol, ts, "{\"trade_id\":" + id + ",\"price\":\"" + price + "\",\"qty\":\""
                + qty + "\",\"aggressor\":\"" + aggressor + "\",\"trade_time\":" + ts + "}"));
    }

    static StreamEntry ticker(String symbol, String last, long ts) {
        return entry(env("ticker_24h", symbol, ts, "{\"last_price\":\"" + last + "\",\"price_change\":\"-1.5\","
                + "\"price_change_pct\":\"-0.01\",\"weighted_avg_price\":\"100\",\"open\":\"101\",\"high\":\"105\","
                + "\"low\":\"95\",\"volume\":\"1000\",\"quote_volume\":\"100000\",\"open_time\":" + (ts - 86_400_000L)
                + ",\"close_time\":" + ts + ",\"trade_count\":42}"));
    }

    static String env(String type, String symbol, long ts, String payload) {
        return "{\"type\":\"" + type + "\",\"venue\":\"binance\",\"symbol\":\"" + symbol + "\",\"ts_event\":" + ts
                + ",\"ts_ingest\":" + ts + ",\"payload\":" + payload + "}";
    }
}
