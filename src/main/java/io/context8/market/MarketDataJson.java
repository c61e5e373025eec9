package io.context8.market;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;

/**
 * The JSON text the analytics side stores for the MCP tools (one trade, one candle, the top of the book).
 * Prices and quantities are written as exact plain decimal numbers ({@link Decimals#appendPlain}: on the
 * symbol's tick and step as Binance sent them, no padding zeros, never exponent notation). Pure; each method
 * allocates its string.
 */
public final class MarketDataJson {

    private MarketDataJson() {
    }

    /** Redis key of a symbol's book excerpt (a string). */
    public static String bookKey(String symbol) {
        return "book:" + symbol;
    }

    /** Redis key of a symbol's latest trades (a sorted set scored by trade id). */
    public static String tradesKey(String symbol) {
        return "trades:" + symbol;
    }

    /** Redis key of a symbol's candles of one interval (a sorted set scored by open time). */
    public static String candlesKey(String symbol, CandleInterval interval) {
        return "ohlcv:" + symbol + ":" + interval.label();
    }

    /**
     * Redis key of the symbols analytics reports on (a sorted set: member = symbol, score = epoch ms of its
     * newest report; members older than the report TTL are removed, and the key expires with the last writer).
     * An MCP process without the analytics role lists the symbols from here.
     */
    public static String symbolsKey() {
        return "symbols";
    }

    /** {@code {"id","time_ms","price","qty","side"}} of trade {@code i} (0 = newest); side is the aggressor's. */
    public static String trade(RecentTrades t, int i) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"id\":").append(t.id(i)).append(",\"time_ms\":").append(t.timeMs(i)).append(",\"price\":");
        Decimals.appendPlain(sb, t.price(i)).append(",\"qty\":");
        Decimals.appendPlain(sb, t.qty(i)).append(",\"side\":\"").append(t.sell(i) ? "sell" : "buy").append("\"}");
        return sb.toString();
    }

    /** {@code {"open_time_ms","close_time_ms","open","high","low","close","volume","trades"}} of candle {@code i}. */
    public static String candle(CandleSeries c, int i) {
        StringBuilder sb = new StringBuilder(160);
        long open = c.openTime(i);
        sb.append("{\"open_time_ms\":").append(open).append(",\"close_time_ms\":").append(open + c.intervalMs() - 1)
                .append(",\"open\":");
        Decimals.appendPlain(sb, c.open(i)).append(",\"high\":");
        Decimals.appendPlain(sb, c.high(i)).append(",\"low\":");
        Decimals.appendPlain(sb, c.low(i)).append(",\"close\":");
        Decimals.appendPlain(sb, c.close(i)).append(",\"volume\":");
        Decimals.appendPlain(sb, c.volume(i)).append(",\"trades\":").append(c.trades(i)).append('}');
        return sb.toString();
    }

    /**
     * The book excerpt: {@code {"symbol","update_id","in_sync","state","generated_at_ms","depth_kept","bids",
     * "asks"}} with the top {@code depth} levels a side as {@code [price, qty]}, best first. An out-of-sync
     * book has no levels (it is not the market).
     */
    public static String book(String symbol, OrderBook book, long updateId, boolean inSync, String state,
            long nowMs, int depth) {
        StringBuilder sb = new StringBuilder(64 + 2 * 48 * depth);
        sb.append("{\"symbol\":\"").append(symbol).append("\",\"update_id\":");
        if (updateId < 0) {
            sb.append("null");
        } else {
            sb.append(updateId);
        }
        sb.append(",\"in_sync\":").append(inSync).append(",\"state\":\"").append(state)
                .append("\",\"generated_at_ms\":").append(nowMs).append(",\"depth_kept\":").append(depth)
                .append(",\"bids\":");
        levels(sb, book, true, inSync ? depth : 0).append(",\"asks\":");
        levels(sb, book, false, inSync ? depth : 0).append('}');
        return sb.toString();
    }

    private static StringBuilder levels(StringBuilder sb, OrderBook book, boolean bid, int depth) {
        int n = Math.min(depth, book.levels(bid));
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('[');
            Decimals.appendPlain(sb, book.priceAt(bid, i)).append(',');
            Decimals.appendPlain(sb, book.qtyAt(bid, i)).append(']');
        }
        return sb.append(']');
    }
}
