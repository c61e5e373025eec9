package io.context8.analytics;

import java.util.OptionalDouble;
import java.util.OptionalLong;

import com.fasterxml.jackson.databind.JsonNode;

import io.context8.book.ArrayOrderBook;
import io.context8.book.BookSynchronizer;
import io.context8.book.BookVerifier;
import io.context8.book.Decimals;
import io.context8.book.Increments;
import io.context8.book.LevelBuffer;
import io.context8.book.ListeningOrderBook;
import io.context8.book.OrderBook;
import io.context8.market.SymbolMarketData;
import io.context8.metrics.BookMetrics;
import io.context8.metrics.DepthBands;
import io.context8.metrics.EventRate;
import io.context8.metrics.FlashCrashRisk;
import io.context8.metrics.IcebergDetector;
import io.context8.metrics.OrderFlowImbalance;
import io.context8.metrics.RollingQuantiles;
import io.context8.metrics.SpoofingDetector;
import io.context8.metrics.TradeWindow;
import io.context8.metrics.VolumeProfile;
import io.context8.metrics.Walls;

/**
 * One symbol's analytics state: the local order book (synchronized by Binance's rules), the trade window, the
 * newest trade price and 24 h ticker, and the report cadence. Every update is idempotent: a re-delivered
 * diff or snapshot is ignored by the book's update ids, a re-delivered trade by its trade id, a re-delivered
 * ticker by its event time. The liquidity, flow and anomaly state (level-quantity quantiles, OFI, volume
 * profile, detectors) is only fed by changes that really happened (an applied diff's level changes, a new trade
 * id), so it inherits that idempotency. Per event: O(log n) per level change, O(1) amortized per trade. A report
 * is computed by the steps of the route {@code build-market-report} ({@code io.context8.analytics.steps}) from
 * the {@link ReportDraft} that {@link #begin} returns; this class never computes a report section.
 * Single-threaded (the stream consumer's thread).
 */
public final class SymbolAnalytics {

    private final String symbol;
    private final AnalyticsSettings settings;
    private final ReportData report = new ReportData();
    private final ListeningOrderBook book = new ListeningOrderBook(new ArrayOrderBook(), this::onLevel);
    private final BookSynchronizer sync = new BookSynchronizer(book);
    /** Checks the book against Binance's bookTicker; a wrong book becomes suspect and is resynced. */
    private final BookVerifier verifier;
    private final BookCheckSettings bookCheck;
    /** Local time of the newest resync request, and since when the book is out of sync (-1: in sync). */
    private long lastResyncRequestMs = Long.MIN_VALUE / 2;
    private long outOfSyncSinceMs = -1;
    private boolean diffSinceResyncCheck;
    private final TradeWindow trades;
    /** Newest trusted exchange time: the windows' anchor (only exchange-timed events move it). */
    private final EventClock clock;
    /** Price-level changes of applied diffs over the orders window, and the count of the diff being applied. */
    private final EventRate bookUpdates;
    private long levelChanges;
    private final MetricSettings m;
    private final RollingQuantiles levelQtys;
    private final OrderFlowImbalance ofi;
    private final VolumeProfile profile;
    private final SpoofingDetector spoofing;
    private final IcebergDetector icebergs;
    private final FlashCrashRisk flashCrash;
    private final double[] nearBid = new double[1];
    private final double[] nearScratch = new double[1];
    private final double[] nearPct = new double[1];
    /** Detectors fed per event ({@link #detectors}). */
    private boolean feedSpoofing = true;
    private boolean feedIcebergs = true;
    private boolean feedFlashCrash = true;
    private final ReportDraft draft;
    /**
     * Wall threshold (scaled) as the spoofing detector sees it, refreshed once per second of event time and after
     * each resync (never at report time, so that the detector depends on the events alone); 0 = unknown yet.
     */
    private long wallThreshold;
    private long nextSampleMs = Long.MIN_VALUE;
    /** Size of a spoofing placement/pull: wall threshold x spoofing size factor (scaled). */
    private long spoofThreshold;
    /** The symbol's spreads sampled once per second of event time (1e-6 bps), for the typical spread. */
    private final RollingQuantiles spreadSamples;
    /** Median of {@link #spreadSamples} in bps, the spoofing detector's unit of distance; NaN = unknown yet. */
    private double typicalSpreadBps = Double.NaN;
    private long eventNowMs;
    private double midBefore = Double.NaN;
    private final LevelBuffer bids = new LevelBuffer(64);
    private final LevelBuffer asks = new LevelBuffer(64);
    /** Latest trades and candles for the MCP tools (flushed to Redis by MarketDataPublisher). */
    private final SymbolMarketData market =
            new SymbolMarketData(SymbolMarketData.DEFAULT_TRADES, SymbolMarketData.DEFAULT_CANDLES);

    /** Tick and step (scaled) and their source; see {@link #snapshotShape}. */
    private long tickSize = 1;
    private long stepSize = 1;
    private String incrementsSource;
    /** Deepest snapshot bid / ask (scaled; -1 = none) and whether the snapshot held the whole side. */
    private long coverageBidLow = -1;
    private long coverageAskHigh = -1;
    private boolean bidComplete;
    private boolean askComplete;
    private int snapshotLimit;

    private long lastEventMs = -1;
    private long lastIngestMs = -1;
    private long lastTradeId = -1;
    private double lastPrice = Double.NaN;
    private long lastPriceScaled;
    private ReportData.Ticker ticker;
    private boolean changed = true;
    private long lastPublishedMs = Long.MIN_VALUE / 2;

    public SymbolAnalytics(String symbol, String venue, AnalyticsSettings settings) {
        this(symbol, venue, settings, BookCheckSettings.defaults());
    }

    public SymbolAnalytics(String symbol, String venue, AnalyticsSettings settings, BookCheckSettings bookCheck) {
        this.symbol = symbol;
        this.bookCheck = bookCheck;
        this.verifier = new BookVerifier(sync, bookCheck.frozenAfterMs(), bookCheck.frozenMinTickers());
        this.settings = settings;
        this.m = settings.metrics();
        long flashSlices = 2 * m.flashCrash().sliceMs();
        this.trades = new TradeWindow(Math.max(Math.max(settings.ordersWindowMs(), settings.netFlowWindowMs()),
                flashSlices), 4096);
        this.levelQtys = new RollingQuantiles(m.walls().samples());
        this.clock = new EventClock(settings.maxEventTimeSkewMs());
        this.bookUpdates = new EventRate(settings.ordersWindowMs(), 256);
        this.ofi = new OrderFlowImbalance(settings.netFlowWindowMs(), 4096);
        this.profile = new VolumeProfile(m.profile().windowMs(), m.profile().binBps(), 16_384);
        MetricSettings.Spoofing sp = m.spoofing();
        this.spoofing = new SpoofingDetector(sp.windowMs(), sp.minDistanceSpreads(), sp.tradeLookbackMs(),
                sp.maxLifetimeMs(), sp.requoteMs(), sp.sizeTolerance(), sp.minDurationMs(), sp.sideShare(),
                sp.minCount(), sp.mediumCount(), sp.highCount());
        this.spreadSamples = new RollingQuantiles(sp.spreadSamples());
        MetricSettings.Iceberg ic = m.iceberg();
        this.icebergs = new IcebergDetector(ic.windowMs(), ic.minFills(), ic.minRatio(), ic.mediumRatio(),
                ic.highRatio(), ic.mediumFills(), ic.highFills(), ic.minDurationMs(), 32);
        MetricSettings.FlashCrash fc = m.flashCrash();
        this.flashCrash = new FlashCrashRisk(fc.baselineMs(), fc.spreadFactor(), fc.spreadQuantile(),
                fc.spreadSamples(), fc.depthShrink(), fc.sellShare(), fc.acceleration());
        nearPct[0] = fc.nearBandPct();
        this.draft = new ReportDraft(this, report);
        int bands = m.bands().pct().length;
        int sizes = m.bands().slippageQuote().length;
        report.bandPct = m.bands().pct().clone();
        report.bandBidQty = new double[bands];
        report.bandAskQty = new double[bands];
        report.bandBidNotional = new double[bands];
        report.bandAskNotional = new double[bands];
        report.bandPartial = new boolean[bands];
        report.slippageQuote = m.bands().slippageQuote().clone();
        report.slippageBuyBps = new double[sizes];
        report.slippageSellBps = new double[sizes];
        report.profileWindowS = m.profile().windowMs() / 1000.0;
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
        // only an exchange time moves the event clock; a derived one (bookTicker, REST snapshot) or one rejected
        // as absurd is replaced by the clock's time
        long tsEvent = env.path("ts_event_estimated").asBoolean(false) ? clock.nowMs()
                : clock.offer(env.path("ts_event").asLong(-1));
        long tsIngest = env.path("ts_ingest").asLong(-1);
        switch (env.path("type").asText("")) {
            case "trade_tick" -> trade(p, tsEvent);
            case "order_book_deltas" -> {
                fill(p.get("bids"), bids);
                fill(p.get("asks"), asks);
                refineObserved(bids);
                refineObserved(asks);
                diff(p.path("first_update_id").asLong(), p.path("final_update_id").asLong(), tsEvent);
            }
            case "order_book_depth" -> {
                fill(p.get("bids"), bids);
                fill(p.get("asks"), asks);
                snapshot(p.path("last_update_id").asLong(), tsEvent, tsIngest, p);
            }
            case "book_ticker" -> bookTicker(p, tsEvent); // Binance's own view of the top: checks the local book
            case "ticker_24h" -> ticker(p, tsEvent);
            default -> {
                return false;
            }
        }
        lastEventMs = clock.nowMs();
        if (lastEventMs >= nextSampleMs) {
            sample();
            nextSampleMs = (Math.floorDiv(lastEventMs, 1000) + 1) * 1000;
        }
        trades.advanceTo(tsEvent); // windows slide on every stream's event time, not only on trades
        ofi.advanceTo(tsEvent);
        profile.advanceTo(tsEvent);
        bookUpdates.advanceTo(tsEvent);
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
        long price = Decimals.parse(p.path("price").asText());
        refine(price, qty);
        if (trades.add(id, tsEvent, qty, sellerAggressor)) { // a new trade id: feed the trade-driven state once
            long t = trades.newestEventTimeMs();
            profile.add(t, price, qty);
            if (feedSpoofing) {
                spoofing.onTrade(t, price);
            }
            if (feedIcebergs) {
                // the aggressor took liquidity from the other side: a buy hits the asks, a sell the bids
                long visible = sync.inSync() ? book.qtyAtPrice(sellerAggressor, price) : 0;
                icebergs.onTrade(t, price, qty, !sellerAggressor, visible);
            }
        }
        if (id > lastTradeId) {
            lastTradeId = id;
            lastPrice = Decimals.toDouble(price);
            lastPriceScaled = price;
            market.onTrade(id, tsEvent, price, qty, sellerAggressor);
        }
    }

    /** A diff: level changes of a synced book are seen by {@link #onLevel}; the new top feeds OFI. */
    private void diff(long first, long last, long tsEvent) {
        boolean wasSynced = sync.inSync();
        eventNowMs = Math.max(eventNowMs, tsEvent);
        midBefore = wasSynced ? BookMetrics.mid(book).orElse(Double.NaN) : Double.NaN;
        book.listening(wasSynced);
        levelChanges = 0;
        BookSynchronizer.DiffOutcome outcome;
        try {
            outcome = sync.onDiff(first, last, bids, asks);
        } finally {
            book.listening(false);
        }
        diffSinceResyncCheck = true;
        if (verifier.afterBookUpdate(tsEvent) != BookVerifier.Suspicion.NONE) {
            ofi.reset(); // a crossed book, or one that disagreed with the bookTicker at its id: discarded
        } else if (outcome == BookSynchronizer.DiffOutcome.APPLIED) {
            bookUpdates.add(tsEvent, levelChanges);
            ofi.observe(book, tsEvent);
        } else if (!sync.inSync()) {
            ofi.reset();
        }
    }

    /** A snapshot: a (re)load seeds the level-quantity window from the whole book and restarts OFI's sequence. */
    private void snapshot(long lastUpdateId, long tsEvent, long tsIngest, JsonNode p) {
        long before = sync.lastUpdateId();
        sync.onSnapshot(lastUpdateId, bids, asks);
        // the snapshot is as of its fetch (ts_ingest), newer than the frames still queued behind it: their tickers
        // below its id are not a frozen book
        verifier.afterBookUpdate(Math.max(tsEvent, tsIngest));
        if (sync.inSync() && sync.lastUpdateId() != before) {
            snapshotShape(p);
            for (int side = 0; side < 2; side++) {
                boolean bid = side == 0;
                for (int i = 0, n = book.levels(bid); i < n; i++) {
                    levelQtys.add(book.qtyAt(bid, i));
                }
            }
            refreshThresholds();
            ofi.reset();
            ofi.observe(book, tsEvent);
        }
    }

    /** A bookTicker: compared with the book at its update id (BookVerifier); a wrong book becomes suspect. */
    private void bookTicker(JsonNode p, long tsEvent) {
        long u = p.path("update_id").asLong(-1);
        if (u < 0) {
            throw new IllegalArgumentException("book_ticker without update_id");
        }
        if (verifier.onTicker(u, Decimals.parse(p.path("bid_price").asText()), Decimals.parse(p.path("bid_qty").asText()),
                Decimals.parse(p.path("ask_price").asText()), Decimals.parse(p.path("ask_qty").asText()), tsEvent)
                != BookVerifier.Suspicion.NONE) {
            ofi.reset();
        }
    }

    /**
     * A resync request due at local time {@code nowMs}, or null: at most one per {@code resyncIntervalMs}, and only
     * while diffs arrive; at once when the book is suspect, after {@code resyncIntervalMs} out of sync otherwise (a
     * gap or missing snapshot that ingest did not see, e.g. a stream entry lost between the roles, or a snapshot
     * trimmed from the stream before analytics read it).
     */
    ResyncRequest resyncDue(long nowMs) {
        if (sync.inSync()) {
            outOfSyncSinceMs = -1;
            return null;
        }
        if (outOfSyncSinceMs < 0) {
            outOfSyncSinceMs = nowMs;
        }
        if (!diffSinceResyncCheck) {
            return null;
        }
        diffSinceResyncCheck = false;
        long interval = bookCheck.resyncIntervalMs();
        boolean suspect = sync.state() == BookSynchronizer.State.SUSPECT;
        if (nowMs - lastResyncRequestMs < interval || (!suspect && nowMs - outOfSyncSinceMs < interval)) {
            return null;
        }
        lastResyncRequestMs = nowMs;
        return new ResyncRequest(symbol, suspect ? verifier.lastSuspicion().json() : stateName(), nowMs);
    }

    private String stateName() {
        return sync.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The book's self-check (read-only use: tests and tools). */
    public BookVerifier verifier() {
        return verifier;
    }

    /** One level change of a synced book (from {@link ListeningOrderBook}): O(1) plus the detectors' O(1). */
    private void onLevel(boolean bid, long price, long oldQty, long newQty) {
        levelChanges++;
        if (newQty > 0) {
            levelQtys.add(newQty);
        }
        if (feedSpoofing) {
            spoofing.onLevel(bid, price, oldQty, newQty, eventNowMs, midBefore, typicalSpreadBps, spoofThreshold);
        }
        if (feedIcebergs) {
            icebergs.onLevel(bid, price, oldQty, newQty);
        }
    }

    /**
     * Once per second of event time: refreshes the thresholds the per-event detectors use and feeds the
     * flash-crash baselines. O(quantile window + levels within the near band).
     */
    private void sample() {
        refreshThresholds();
        if (sync.inSync()) {
            OptionalDouble mid = BookMetrics.mid(book);
            if (mid.isPresent()) {
                DepthBands.cumulative(book, true, mid.getAsDouble(), nearPct, nearScratch, nearBid);
                double spreadBps = BookMetrics.spreadBps(book).getAsDouble();
                if (feedFlashCrash) {
                    flashCrash.sample(lastEventMs, spreadBps, nearBid[0]);
                }
                if (spreadBps > 0) {
                    spreadSamples.add(Math.round(spreadBps * 1e6));
                    typicalSpreadBps = spreadSamples.quantile(0.5) / 1e6;
                }
            }
        }
    }

    /**
     * From a loaded snapshot: the tick and step (the payload's, from Binance's exchangeInfo, else inferred from
     * the snapshot's decimals, never coarser than inferred before, and made finer by any later diff level or
     * trade that is not on them) and the price range it covers.
     */
    private void snapshotShape(JsonNode p) {
        long tick = increment(p.get("tick_size"));
        long step = increment(p.get("step_size"));
        if (tick > 0 && step > 0) {
            tickSize = tick;
            stepSize = step;
            incrementsSource = "exchange_info";
            refineObserved(bids); // the snapshot's own levels and the last trade must lie on them
            refineObserved(asks);
            refine(lastPriceScaled, 0);
        } else if (!"exchange_info".equals(incrementsSource)) {
            long seenTick = Increments.finest(lastPriceScaled,
                    Math.min(Increments.finestPrice(bids), Increments.finestPrice(asks)));
            long seenStep = Math.min(Increments.finestQty(bids), Increments.finestQty(asks));
            boolean first = incrementsSource == null;
            tickSize = first ? seenTick : Math.min(tickSize, seenTick);
            stepSize = first ? seenStep : Math.min(stepSize, seenStep);
            incrementsSource = "observed";
        }
        snapshotLimit = p.path("limit").asInt(0);
        coverageBidLow = bids.count() == 0 ? -1 : bids.price(0);
        for (int i = 1; i < bids.count(); i++) {
            coverageBidLow = Math.min(coverageBidLow, bids.price(i));
        }
        coverageAskHigh = asks.count() == 0 ? -1 : asks.price(0);
        for (int i = 1; i < asks.count(); i++) {
            coverageAskHigh = Math.max(coverageAskHigh, asks.price(i));
        }
        bidComplete = snapshotLimit > 0 && bids.count() < snapshotLimit;
        askComplete = snapshotLimit > 0 && asks.count() < snapshotLimit;
    }

    /** An observed tick and step get finer when a diff's level is not on them (O(1) per level when it is). */
    private void refineObserved(LevelBuffer levels) {
        for (int i = 0, n = levels.count(); i < n; i++) {
            refine(levels.price(i), levels.qty(i));
        }
    }

    /**
     * A price or quantity off the current increments proves them too coarse, whatever their source (an
     * exchangeInfo inferred from few levels, e.g. a replay server's): they become the finer observed ones.
     * Nothing before the first snapshot (numbers keep 8 decimals then).
     */
    private void refine(long price, long qty) {
        if (incrementsSource == null) {
            return;
        }
        long tick = Increments.finest(price, tickSize);
        long step = Increments.finest(qty, stepSize);
        if (tick != tickSize || step != stepSize) {
            tickSize = tick;
            stepSize = step;
            incrementsSource = "observed";
        }
    }

    /** A positive decimal text as a scaled long; 0 when absent or not a positive decimal. */
    private static long increment(JsonNode text) {
        if (text == null || !text.isTextual()) {
            return 0;
        }
        try {
            return Decimals.parse(text.textValue());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void refreshThresholds() {
        wallThreshold = Walls.threshold(levelQtys.quantile(0.95), m.walls().factor(), qtyMin());
        spoofThreshold = (long) (wallThreshold * m.spoofing().sizeFactor());
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

    /**
     * Starts a report as of {@code nowMs} (local time): fills the symbol's own fields (identity, times, last
     * price, 24 h ticker, book state, self-check, increments, coverage, best levels: all O(1)), forgets the
     * previous report's sections, and returns the draft that the steps of {@code build-market-report} fill.
     */
    ReportDraft begin(long nowMs, boolean ingestRunning, String websocket, IngestionHealth health,
            io.context8.ingest.FeedSource source, AnalyticsObserver observer) {
        ReportData r = report;
        r.clearSections();
        r.source = source;
        r.generatedAtMs = nowMs;
        r.lastEventMs = lastEventMs < 0 ? OptionalLong.empty() : OptionalLong.of(lastEventMs);
        r.lastIngestMs = lastIngestMs < 0 ? OptionalLong.empty() : OptionalLong.of(lastIngestMs);
        r.lastPrice = Double.isNaN(lastPrice) ? OptionalDouble.empty() : OptionalDouble.of(lastPrice);
        r.ticker = ticker;

        r.bookState = bookState();
        r.inSync = sync.inSync();
        r.updateId = sync.lastUpdateId() < 0 ? OptionalLong.empty() : OptionalLong.of(sync.lastUpdateId());
        r.verifyMatched = verifier.matched();
        r.verifyMismatched = verifier.mismatched();
        r.lastMismatchMs = verifier.lastMismatchMs() < 0 ? OptionalLong.empty() : OptionalLong.of(verifier.lastMismatchMs());
        r.suspicions = verifier.suspicions();
        r.suspectCrossed = verifier.suspicions(BookVerifier.Suspicion.CROSSED);
        r.suspectMismatch = verifier.suspicions(BookVerifier.Suspicion.MISMATCH);
        r.suspectFrozen = verifier.suspicions(BookVerifier.Suspicion.FROZEN);
        r.suspectReason = sync.state() == BookSynchronizer.State.SUSPECT ? verifier.lastSuspicion().json() : null;
        r.tickSize = tickSize;
        r.stepSize = stepSize;
        r.incrementsSource = incrementsSource;
        r.coverageBidLow = opt(coverageBidLow < 0 ? Long.MIN_VALUE : coverageBidLow);
        r.coverageAskHigh = opt(coverageAskHigh < 0 ? Long.MIN_VALUE : coverageAskHigh);
        r.coverageBidComplete = bidComplete;
        r.coverageAskComplete = askComplete;
        r.snapshotLimit = snapshotLimit;
        if (r.inSync) {
            r.bidLevels = book.levels(true);
            r.askLevels = book.levels(false);
            r.bestBidPrice = price(true, 0);
            r.bestBidQty = qty(true, 0);
            r.bestAskPrice = price(false, 0);
            r.bestAskQty = qty(false, 0);
            r.crossed = BookMetrics.crossed(book);
        } else {
            // an out-of-sync book is not reported as if it were the market
            r.bidLevels = 0;
            r.askLevels = 0;
            r.bestBidPrice = r.bestBidQty = r.bestAskPrice = r.bestAskQty = OptionalDouble.empty();
            r.crossed = false;
        }
        draft.start(nowMs, ingestRunning, websocket, health, observer);
        return draft;
    }

    /** Scaled value as an optional double; {@code Long.MIN_VALUE} = none. */
    public static OptionalDouble opt(long scaled) {
        return scaled == Long.MIN_VALUE ? OptionalDouble.empty() : OptionalDouble.of(Decimals.toDouble(scaled));
    }

    private OptionalDouble price(boolean bid, int i) {
        return book.levels(bid) > i ? OptionalDouble.of(Decimals.toDouble(book.priceAt(bid, i))) : OptionalDouble.empty();
    }

    private OptionalDouble qty(boolean bid, int i) {
        return book.levels(bid) > i ? OptionalDouble.of(Decimals.toDouble(book.qtyAt(bid, i))) : OptionalDouble.empty();
    }

    /** The settings the symbol was created with (windows, thresholds of the report's steps). */
    public AnalyticsSettings settings() {
        return settings;
    }

    /** Newest trusted exchange time applied (the windows' anchor); -1 before the first event. */
    public long lastEventMs() {
        return lastEventMs;
    }

    /** Trades over the orders, net-flow and flash-crash windows. */
    public TradeWindow trades() {
        return trades;
    }

    /** Price-level changes of applied diffs over the orders window. */
    public EventRate bookUpdates() {
        return bookUpdates;
    }

    /** Order-flow imbalance over the net-flow window. */
    public OrderFlowImbalance ofi() {
        return ofi;
    }

    /** Trade volume by price over the profile window. */
    public VolumeProfile profile() {
        return profile;
    }

    /** Rolling window of observed level quantities (scaled): the quantiles of walls and vacuums. */
    public RollingQuantiles levelQtys() {
        return levelQtys;
    }

    public SpoofingDetector spoofing() {
        return spoofing;
    }

    public IcebergDetector icebergs() {
        return icebergs;
    }

    public FlashCrashRisk flashCrash() {
        return flashCrash;
    }

    /** Deepest bid of the last loaded snapshot (scaled; -1 = none) and whether the snapshot held the whole side. */
    public long coverageBidLow() {
        return coverageBidLow;
    }

    public boolean bidComplete() {
        return bidComplete;
    }

    /** Highest ask of the last loaded snapshot (scaled; -1 = none) and whether the snapshot held the whole side. */
    public long coverageAskHigh() {
        return coverageAskHigh;
    }

    public boolean askComplete() {
        return askComplete;
    }

    /** Minimum wall quantity (scaled) of {@code context8.analytics.walls.min-qty}. */
    public long qtyMin() {
        return Math.round(m.walls().minQty() * Decimals.ONE);
    }

    /** Whether the spoofing, iceberg and flash-crash detectors are fed per event ({@link #detectors}). */
    public boolean feedsSpoofing() {
        return feedSpoofing;
    }

    public boolean feedsIcebergs() {
        return feedIcebergs;
    }

    public boolean feedsFlashCrash() {
        return feedFlashCrash;
    }

    /**
     * Which detectors are fed per event: a detector whose step is not in {@code build-market-report} is not fed
     * (its state would only cost time). All are fed until told otherwise.
     */
    public void detectors(boolean spoofingOn, boolean icebergsOn, boolean flashCrashOn) {
        this.feedSpoofing = spoofingOn;
        this.feedIcebergs = icebergsOn;
        this.feedFlashCrash = flashCrashOn;
    }

    public String symbolName() {
        return symbol;
    }

    /** Exchange event times rejected as too far from the symbol's recent median ({@link EventClock}). */
    public long eventTimesRejected() {
        return clock.rejected();
    }

    /** Newest local receive time ({@code ts_ingest}) applied; -1 before the first event. */
    /** The report's {@code book.state}: {@value #NO_DATA} before any event of the symbol, else the synchronizer's. */
    public String bookState() {
        return lastIngestMs < 0 ? NO_DATA : sync.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Book state of a symbol for which no event has arrived (docs/metrics.md). */
    public static final String NO_DATA = "no_data";

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
