package io.context8.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

import io.context8.metrics.Anomaly;
import io.context8.metrics.VolumeProfile;
import io.context8.metrics.Vacuums;
import io.context8.metrics.Walls;

/**
 * Everything one report of a symbol says: the symbol's state filled by {@link SymbolAnalytics#begin}, each
 * {@link ReportSection} by its step of the route {@code build-market-report}, written by {@link ReportWriter}.
 * Empty optionals are written as JSON null ("no value"), never as 0; a section whose step did not run is written
 * as null and named in {@code not_computed}. One instance per symbol, reused: not thread-safe.
 */
public final class ReportData {

    /** Sections computed for this report ({@link ReportSection} bits). */
    private int computed;

    /** Marks a section computed (its step ran). */
    public void computed(ReportSection s) {
        computed |= s.bit();
    }

    public boolean isComputed(ReportSection s) {
        return (computed & s.bit()) != 0;
    }

    /** True when at least one detector step ran: {@code anomalies} is then a list, else null. */
    public boolean anomaliesComputed() {
        return (computed & ReportSection.DETECTORS) != 0;
    }

    /**
     * Forgets every section of the previous report (the reused instance must not carry a section whose step has
     * since been removed): optionals empty, lists cleared, nothing computed. Allocates nothing.
     */
    void clearSections() {
        computed = 0;
        spreadBps = mid = microPrice = imbalance = OptionalDouble.empty();
        bidQty = askQty = bidNotional = askNotional = OptionalDouble.empty();
        bidCount = 0;
        askCount = 0;
        bandsAvailable = false;
        levelQtyP95 = levelQtyP10 = wallThreshold = OptionalDouble.empty();
        walls.clear();
        vacuums.clear();
        profile.available = false;
        ordersPerSec = tradesPerSec = bookUpdatesPerSec = netFlow = ofi = OptionalDouble.empty();
        ofiEvents = 0;
        flowBuyQty = flowSellQty = Double.NaN;
        anomalies.clear();
        dataAgeMs = OptionalLong.empty();
        fresh = false;
        ingestionStatus = "down";
        ingestionReason = "";
        websocket = "unknown";
        healthScore = Double.NaN;
        healthSpread = healthDepth = healthBalance = healthFlow = healthAnomalies = healthFreshness = Double.NaN;
        healthReason = null;
        healthLacking.clear();
    }

    public String symbol;
    public String venue;
    public long generatedAtMs;
    public OptionalLong lastEventMs = OptionalLong.empty();
    public OptionalLong lastIngestMs = OptionalLong.empty();
    public OptionalDouble lastPrice = OptionalDouble.empty();

    /** 24 h ticker; null until one arrived. */
    public Ticker ticker;

    public String bookState = "awaiting_snapshot";
    public boolean inSync;
    public OptionalLong updateId = OptionalLong.empty();
    public boolean crossed;
    public OptionalDouble bestBidPrice = OptionalDouble.empty();
    public OptionalDouble bestBidQty = OptionalDouble.empty();
    public OptionalDouble bestAskPrice = OptionalDouble.empty();
    public OptionalDouble bestAskQty = OptionalDouble.empty();
    public int bidLevels;
    public int askLevels;
    /** Book self-check against Binance's bookTicker (BookVerifier): comparisons at equal update ids. */
    public long verifyMatched;
    public long verifyMismatched;
    /** Event time of the newest mismatch. */
    public OptionalLong lastMismatchMs = OptionalLong.empty();
    /** Times the book was discarded as suspect, in all and by reason. */
    public long suspicions;
    public long suspectCrossed;
    public long suspectMismatch;
    public long suspectFrozen;
    /** Why the book is suspect now ({@code book_ticker_mismatch}, {@code crossed_book}, {@code frozen_book}); null when not. */
    public String suspectReason;

    public OptionalDouble spreadBps = OptionalDouble.empty();
    public OptionalDouble mid = OptionalDouble.empty();
    public OptionalDouble microPrice = OptionalDouble.empty();
    public OptionalDouble imbalance = OptionalDouble.empty();

    public int depthLevels;
    /** Top levels, [price, qty] interleaved: price at 2i, qty at 2i+1; {@code bidCount} pairs valid. */
    public double[] depthBids = new double[0];
    public int bidCount;
    public double[] depthAsks = new double[0];
    public int askCount;
    public OptionalDouble bidQty = OptionalDouble.empty();
    public OptionalDouble askQty = OptionalDouble.empty();
    public OptionalDouble bidNotional = OptionalDouble.empty();
    public OptionalDouble askNotional = OptionalDouble.empty();

    public OptionalDouble ordersPerSec = OptionalDouble.empty();
    public double ordersWindowS;
    public OptionalDouble netFlow = OptionalDouble.empty();
    public double netFlowWindowS;

    /** Order-flow imbalance (Cont, Kukanov, Stoikov) over the net-flow window, base units. */
    public OptionalDouble ofi = OptionalDouble.empty();
    public int ofiEvents;

    /** Rolling P95 / P10 of observed level quantities and the wall threshold derived from P95 (base units). */
    public OptionalDouble levelQtyP95 = OptionalDouble.empty();
    public OptionalDouble levelQtyP10 = OptionalDouble.empty();
    public OptionalDouble wallThreshold = OptionalDouble.empty();
    public final List<Walls.Wall> walls = new ArrayList<>();
    public final List<Vacuums.Vacuum> vacuums = new ArrayList<>();
    public final VolumeProfile.Result profile = new VolumeProfile.Result();
    public double profileWindowS;

    /** Depth bands and slippage; {@code bandsAvailable} false when the book is not usable (written as null). */
    public boolean bandsAvailable;
    public double[] bandPct = new double[0];
    public double[] bandBidQty = new double[0];
    public double[] bandAskQty = new double[0];
    public double[] bandBidNotional = new double[0];
    public double[] bandAskNotional = new double[0];
    public double[] slippageQuote = new double[0];
    /** Slippage in bps per order size; NaN = book too thin (written as null). */
    public double[] slippageBuyBps = new double[0];
    public double[] slippageSellBps = new double[0];

    public final List<Anomaly> anomalies = new ArrayList<>();

    /** Aggressive buy and sell quantity over the net-flow window (health's flow); NaN without a trade in it. */
    public double flowBuyQty = Double.NaN;
    public double flowSellQty = Double.NaN;

    /** Health score and its components (0-100; NaN = not computable, written as null and counted as 0). */
    public double healthScore;
    public double healthSpread = Double.NaN;
    public double healthDepth = Double.NaN;
    public double healthBalance = Double.NaN;
    public double healthFlow = Double.NaN;
    public double healthAnomalies = Double.NaN;
    public double healthFreshness = Double.NaN;
    /** Health components left out because their section was not computed ({@link io.context8.metrics.HealthScore}). */
    public final List<String> healthLacking = new ArrayList<>(6);
    /** Weights the score used, in component order (spread, depth, balance, flow, anomalies, freshness). */
    public final double[] healthWeights = new double[6];

    public OptionalLong dataAgeMs = OptionalLong.empty();
    public boolean fresh;
    public String ingestionStatus = "down";
    public String ingestionReason = "";
    public String websocket = "unknown";

    /** Price tick and quantity step (scaled; 1 = 10^-8 when unknown) the report's numbers are rounded to. */
    public long tickSize = 1;
    public long stepSize = 1;
    /** {@code exchange_info} or {@code observed} (inferred from the snapshot's decimals); null before a snapshot. */
    public String incrementsSource;
    /** Deepest bid / ask price of the last loaded snapshot: beyond them the book only holds what diffs added. */
    public OptionalDouble coverageBidLow = OptionalDouble.empty();
    public OptionalDouble coverageAskHigh = OptionalDouble.empty();
    /** The snapshot returned fewer levels than asked on that side: it was the whole side. */
    public boolean coverageBidComplete;
    public boolean coverageAskComplete;
    /** Levels per side the snapshot was asked for (0 = not known). */
    public int snapshotLimit;
    /** Per depth band: its price limit lies beyond the coverage on a side that was not complete. */
    public boolean[] bandPartial = new boolean[0];
    /** Trades and price-level changes of applied diffs per second over the orders window (orders = their sum). */
    public OptionalDouble tradesPerSec = OptionalDouble.empty();
    public OptionalDouble bookUpdatesPerSec = OptionalDouble.empty();
    /** Why {@code healthScore} is null or capped; null otherwise. */
    public String healthReason;
    /** Where the data comes from, as ingest's heartbeat says ({@link io.context8.ingest.FeedSource#UNKNOWN} before one was read). */
    public io.context8.ingest.FeedSource source = io.context8.ingest.FeedSource.UNKNOWN;

    /** The 24 h rolling ticker as Binance reports it. */
    public record Ticker(double lastPrice, double priceChange, double priceChangePct, double weightedAvgPrice,
            double open, double high, double low, double volume, double quoteVolume, long tradeCount, long openTimeMs,
            long closeTimeMs, long eventTimeMs) {
    }
}
