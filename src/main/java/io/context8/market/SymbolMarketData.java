package io.context8.market;

import java.util.EnumMap;
import java.util.Map;

/**
 * What the MCP tools read besides the report, for one symbol: the latest trades and the candles of every
 * {@link CandleInterval}, fed trade by trade on the analytics thread and flushed to Redis at the report
 * cadence by {@code MarketDataPublisher}. Not thread-safe.
 */
public final class SymbolMarketData {

    /** Trades kept per symbol (get_recent_trades limit is at most this). */
    public static final int DEFAULT_TRADES = 500;
    /** Candles kept per symbol and interval (get_ohlcv limit is at most this). */
    public static final int DEFAULT_CANDLES = 500;

    private final RecentTrades trades;
    private final Map<CandleInterval, CandleSeries> candles = new EnumMap<>(CandleInterval.class);

    public SymbolMarketData(int tradeCapacity, int candleCapacity) {
        this.trades = new RecentTrades(tradeCapacity);
        for (CandleInterval i : CandleInterval.values()) {
            candles.put(i, new CandleSeries(i.millis(), candleCapacity));
        }
    }

    /** One trade (scaled price and quantity, {@code sell} = the aggressor sold); re-deliveries are ignored. */
    public void onTrade(long tradeId, long timeMs, long price, long qty, boolean sell) {
        if (!trades.add(tradeId, timeMs, price, qty, sell)) {
            return;
        }
        for (CandleSeries c : candles.values()) {
            c.add(timeMs, price, qty);
        }
    }

    public RecentTrades trades() {
        return trades;
    }

    public CandleSeries candles(CandleInterval interval) {
        return candles.get(interval);
    }
}
