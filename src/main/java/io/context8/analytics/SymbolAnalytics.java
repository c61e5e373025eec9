package io.context8.analytics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.context8.book.ArrayOrderBook;
import io.context8.book.BookSynchronizer;
import io.context8.book.Decimals;
import io.context8.book.LevelBuffer;
import io.context8.book.OrderBook;
import io.context8.market.SymbolMarketData;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.TradeWindow;

/**
 * One symbol's analytics state: the local order book (synchronized by Binance's rules), the trade window, the
 * newest trade price and 24 h ticker, and the report cadence. Every update is idempotent: a re-delivered
 * diff or snapshot is ignored by the book's update ids, a re-delivered trade by its trade id, a re-delivered
 * ticker by its event time. Single-threaded (the stream consumer's thread).
 */
public final class SymbolAnalytics {

    private final String symbol;
    private final AnalyticsSettings settings;
    private final ReportData report = new ReportData();
    private final OrderBook book = new ArrayOrderBook();
    private final BookSynchronizer sync = new BookSynchronizer(book);
    private final TradeWindow trades;
    private final LevelBuffer bids = new LevelBuffer(64);
    private final LevelBuffer asks = new LevelBuffer(64);
    /** Latest trades and candles for the MCP tools (flushed to Redis by MarketDataPublisher). */
    private final SymbolMarketData market =
            new SymbolMarketData(SymbolMarketData.DEFAULT_TRADES, SymbolMarketData.DEFAULT_CANDLES);

    private long lastEventMs = -1;
    private long lastIngestMs = -1;
    private long lastTradeId = -1;
    private double lastPrice = Double.NaN;
    private ReportData.Ticker ticker;
    private boolean changed = true;
    private long lastPublishedMs = Long.MIN_VALUE / 2;

    public SymbolAnalytics(String symbol, String venue, AnalyticsSettings settings) {
        this.symbol = symbol;
        this.settings = settings;
        this.trades = new TradeWindow(Math.max(settings.ordersWindowMs(), settings.netFlowWindowMs()), 4096);
        report.symbol = symbol;
        report.venue = venue;
        report.depthLevels = settings.depthLevels();
        report.depthBids = new double[2 * settings.depthLevels()];
        report.depthAsks = new double[2 * settings.depthLevels()];
        report.ordersWindowS = settings.ordersWindowMs() / 1000.0;
        report.netFlowWindowS = settings.netFlowWindowMs() / 1000.0;
    }

    /** Applies one envelope; false when its type or payload is not understood. */
    public boolean apply(JsonNode env) {
        JsonNode p = env.get("payload");
        if (p == null || !p.isObject()) {
            return false;
        }
        long tsEvent = env.path("ts_event").asLong(-1);
        long tsIngest = env.path("ts_ingest").asLong(-1);
        switch (env.path("type").asText("")) {
            case "trade_tick" -> trade(p, tsEvent);
            case "order_book_deltas" -> {
                fill(p.get("bids"), bids);
                fill(p.get("asks"), asks);
                sync.onDiff(p.path("first_update_id").asLong(), p.path("final_update_id").asLong(), bids, asks);
            }
            case "order_book_depth" -> {
                fill(p.get("bids"), bids);
                fill(p.get("asks"), asks);
                sync.onSnapshot(p.path("last_update_id").asLong(), bids, asks);
            }
            case "book_ticker" -> {
                // best bid/ask come from the local book; the ticker stream is Binance's own view of it
            }
            case "ticker_24h" -> ticker(p, tsEvent);
            default -> {
                return false;
            }
        }
        if (tsEvent > lastEventMs) {
            lastEventMs = tsEvent;
        }
        trades.advanceTo(tsEvent); // windows slide on every stream's event time, not only on trades
        if (tsIngest > lastIngestMs) {
            lastIngestMs = tsIngest;
        }
        changed = true;
        return true;
    }

    private void trade(JsonNode p, long tsEvent) {
        long id = p.path("trade_id").asLong(-1);
        long qty = Decimals.parse(p.path("qty").asText());
        boolean sellerAggressor = "sell".equals(p.path("aggressor").asText());
        trades.add(id, tsEvent, qty, sellerAggressor);
        if (id > lastTradeId) {
            lastTradeId = id;
            long price = Decimals.parse(p.path("price").asText());
            lastPrice = Decimals.toDouble(price);
            market.onTrade(id, tsEvent, price, qty, sellerAggressor);
        }
    }

    private void ticker(JsonNode p, long tsEvent) {
        if (ticker != null && tsEvent <= ticker.eventTimeMs()) {
            return;
        }
        ticker = new ReportData.Ticker(d(p, "last_price"), d(p, "price_change"), d(p, "price_change_pct"),
                d(p, "weighted_avg_price"), d(p, "open"), d(p, "high"), d(p, "low"), d(p, "volume"),
                d(p, "quote_volume"), p.path("trade_count").asLong(), p.path("open_time").asLong(),
                p.path("close_time").asLong(), tsEvent);
    }

    private static double d(JsonNode p, String field) {
        return Double.parseDouble(p.path(field).asText());
    }

    private static void fill(JsonNode levels, LevelBuffer into) {
        into.clear();
        if (levels == null) {
            return;
        }
        for (int i = 0; i < levels.size(); i++) {
            JsonNode l = levels.get(i);
            long price = Decimals.parse(l.get(0).asText());
            if (price == 0) {
                throw new IllegalArgumentException("level with price 0");
            }
            into.add(price, Decimals.parse(l.get(1).asText()));
        }
    }

    /** Fills and returns the report as of {@code nowMs} (local time). Allocates nothing but boxed optionals. */
    ReportData fill(long nowMs, boolean ingestRunning, String websocket, IngestionHealth health) {
        ReportData r = report;
        r.generatedAtMs = nowMs;
        r.lastEventMs = lastEventMs < 0 ? OptionalLong.empty() : OptionalLong.of(lastEventMs);
        r.lastIngestMs = lastIngestMs < 0 ? OptionalLong.empty() : OptionalLong.of(lastIngestMs);
        r.lastPrice = Double.isNaN(lastPrice) ? OptionalDouble.empty() : OptionalDouble.of(lastPrice);
        r.ticker = ticker;

        r.bookState = sync.state().name().toLowerCase(java.util.Locale.ROOT);
        r.inSync = sync.inSync();
        r.updateId = sync.lastUpdateId() < 0 ? OptionalLong.empty() : OptionalLong.of(sync.lastUpdateId());
        int n = settings.depthLevels();
        if (r.inSync) {
            r.bidLevels = book.levels(true);
            r.askLevels = book.levels(false);
            r.bestBidPrice = price(true, 0);
            r.bestBidQty = qty(true, 0);
            r.bestAskPrice = price(false, 0);
            r.bestAskQty = qty(false, 0);
            r.crossed = BookMetrics.crossed(book);
            r.spreadBps = BookMetrics.spreadBps(book);
            r.mid = BookMetrics.mid(book);
            r.microPrice = BookMetrics.weightedMid(book);
            r.imbalance = BookMetrics.imbalance(book, n);
            r.bidQty = BookMetrics.depthQty(book, true, n);
            r.askQty = BookMetrics.depthQty(book, false, n);
            r.bidNotional = BookMetrics.depthNotional(book, true, n);
            r.askNotional = BookMetrics.depthNotional(book, false, n);
            r.bidCount = excerpt(true, n, r.depthBids);
            r.askCount = excerpt(false, n, r.depthAsks);
        } else {
            // an out-of-sync book is not reported as if it were the market
            r.bidLevels = 0;
            r.askLevels = 0;
            r.bestBidPrice = r.bestBidQty = r.bestAskPrice = r.bestAskQty = OptionalDouble.empty();
            r.crossed = false;
            r.spreadBps = r.mid = r.microPrice = r.imbalance = OptionalDouble.empty();
            r.bidQty = r.askQty = r.bidNotional = r.askNotional = OptionalDouble.empty();
            r.bidCount = 0;
            r.askCount = 0;
        }

        r.ordersPerSec = trades.ratePerSec(settings.ordersWindowMs());
        r.netFlow = trades.netFlow(settings.netFlowWindowMs());

        long age = lastIngestMs < 0 ? -1 : Math.max(0, nowMs - lastIngestMs);
        r.dataAgeMs = age < 0 ? OptionalLong.empty() : OptionalLong.of(age);
        r.fresh = health.fresh(age);
        IngestionHealth.Status status = health.evaluate(ingestRunning, age, r.inSync, r.bookState);
        r.ingestionStatus = status.status();
        r.ingestionReason = status.reason();
        r.websocket = ingestRunning ? websocket : "unknown";
        return r;
    }

    private OptionalDouble price(boolean bid, int i) {
        return book.levels(bid) > i ? OptionalDouble.of(Decimals.toDouble(book.priceAt(bid, i))) : OptionalDouble.empty();
    }

    private OptionalDouble qty(boolean bid, int i) {
        return book.levels(bid) > i ? OptionalDouble.of(Decimals.toDouble(book.qtyAt(bid, i))) : OptionalDouble.empty();
    }

    private int excerpt(boolean bid, int n, double[] out) {
        int count = Math.min(n, book.levels(bid));
        for (int i = 0; i < count; i++) {
            out[2 * i] = Decimals.toDouble(book.priceAt(bid, i));
            out[2 * i + 1] = Decimals.toDouble(book.qtyAt(bid, i));
        }
        return count;
    }

    public String symbolName() {
        return symbol;
    }

    /** Newest local receive time ({@code ts_ingest}) applied; -1 before the first event. */
    public long lastIngestMs() {
        return lastIngestMs;
    }

    public boolean changed() {
        return changed;
    }

    public long lastPublishedMs() {
        return lastPublishedMs;
    }

    void published(long nowMs) {
        lastPublishedMs = nowMs;
        changed = false;
    }

    /** The local book (read-only use: tests and tools). */
    public OrderBook book() {
        return book;
    }

    public BookSynchronizer sync() {
        return sync;
    }

    /** Latest trades and candles (read-only use outside the analytics thread's publish step). */
    public SymbolMarketData market() {
        return market;
    }
}
