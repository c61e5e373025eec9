package io.context8.analytics;

import java.util.HashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.context8.market.CandleInterval;
import io.context8.market.CandleSeries;
import io.context8.market.MarketDataJson;
import io.context8.market.RecentTrades;
import io.context8.market.SymbolMarketData;

/**
 * Writes what the MCP tools read besides the report, at the report cadence (never per event), in one Redis
 * pipeline per call: for each symbol whose report was published since the last call, the book excerpt
 * ({@code book:{symbol}}, a string), the trades added since ({@code trades:{symbol}}, a sorted set scored by
 * trade id, trimmed to the newest {@link SymbolMarketData#DEFAULT_TRADES}) and the candles changed since
 * ({@code ohlcv:{symbol}:{interval}}, sorted sets scored by open time, trimmed to the newest
 * {@link SymbolMarketData#DEFAULT_CANDLES}), and the symbol's entry in the registry of reported symbols
 * ({@link MarketDataJson#symbolsKey()}, scored by the report time). Every key gets the report TTL. Runs on the analytics consumer
 * thread, right after the due reports; a failed pipeline is logged and its data is written on the next call.
 */
public class MarketDataPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(MarketDataPublisher.class);

    /** Book levels a side stored (get_order_book depth is at most this). */
    public static final int BOOK_DEPTH = 100;

    private final AnalyticsEngine engine;
    private final StringRedisTemplate redis;
    private final long ttlMs;
    private final Map<String, Long> flushedAt = new HashMap<>();
    private long failures;

    public MarketDataPublisher(AnalyticsEngine engine, StringRedisTemplate redis, long ttlMs) {
        this.engine = engine;
        this.redis = redis;
        this.ttlMs = Math.max(1000, ttlMs);
    }

    /** Flushes the symbols whose report was published since their last flush; never throws. */
    public void publish() {
        Map<String, SymbolAnalytics> due = new HashMap<>();
        for (SymbolAnalytics s : engine.symbols().values()) {
            Long last = flushedAt.get(s.symbolName());
            if (last == null || last != s.lastPublishedMs()) {
                due.put(s.symbolName(), s);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            redis.executePipelined((RedisCallback<Object>) connection -> {
                StringRedisConnection c = (StringRedisConnection) connection;
                for (SymbolAnalytics s : due.values()) {
                    write(c, s, now);
                }
                // other analytics processes (one per group of symbols) write the same registry
                c.zRemRangeByScore(MarketDataJson.symbolsKey(), Double.NEGATIVE_INFINITY, now - ttlMs);
                c.pExpire(MarketDataJson.symbolsKey(), ttlMs);
                return null;
            });
        } catch (RuntimeException e) {
            failures++;
            if (failures == 1 || failures % 100 == 0) {
                LOG.warn("Market data not written (failure #{}): {}; retried at the next report", failures,
                        cause(e));
            }
            return;
        }
        for (SymbolAnalytics s : due.values()) {
            s.market().trades().markFlushed();
            for (CandleInterval i : CandleInterval.values()) {
                s.market().candles(i).markFlushed();
            }
            flushedAt.put(s.symbolName(), s.lastPublishedMs());
        }
    }

    /** The failed command's error (a pipeline's own message only says that one of its commands failed). */
    private static String cause(RuntimeException e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private void write(StringRedisConnection c, SymbolAnalytics s, long now) {
        String symbol = s.symbolName();
        String book = MarketDataJson.book(symbol, s.book(), s.sync().lastUpdateId(), s.sync().inSync(),
                s.bookState(), now, BOOK_DEPTH);
        c.pSetEx(MarketDataJson.bookKey(symbol), ttlMs, book);
        c.zAdd(MarketDataJson.symbolsKey(), now, symbol);

        RecentTrades trades = s.market().trades();
        String tradesKey = MarketDataJson.tradesKey(symbol);
        for (int i = trades.unflushed() - 1; i >= 0; i--) {
            c.zAdd(tradesKey, trades.id(i), MarketDataJson.trade(trades, i));
        }
        if (trades.unflushed() > 0) {
            c.zRemRange(tradesKey, 0, -(trades.capacity() + 1));
        }
        c.pExpire(tradesKey, ttlMs);

        for (CandleInterval interval : CandleInterval.values()) {
            CandleSeries candles = s.market().candles(interval);
            String key = MarketDataJson.candlesKey(symbol, interval);
            for (int i = candles.dirty() - 1; i >= 0; i--) {
                double open = candles.openTime(i);
                c.zRemRangeByScore(key, open, open);
                c.zAdd(key, open, MarketDataJson.candle(candles, i));
            }
            if (candles.dirty() > 0) {
                c.zRemRange(key, 0, -(candles.capacity() + 1));
            }
            c.pExpire(key, ttlMs);
        }
    }
}
