package io.context8.analytics;

/**
 * Thresholds and windows of the liquidity, flow, anomaly and health metrics, from {@code context8.analytics.*}
 * (docs/metrics.md gives each one's meaning; application.yaml their defaults, written there only). Quantities are in
 * base units, prices and notionals in quote units.
 */
public record MetricSettings(Walls walls, Vacuums vacuums, Profile profile, Bands bands, Spoofing spoofing,
        Iceberg iceberg, FlashCrash flashCrash, Health health) {

    /** Walls: qty >= max(P95 × factor, minQty) within maxDistanceBps of mid; samples = rolling window size. */
    public record Walls(int samples, double factor, double minQty, double maxDistanceBps, int max,
            double mediumRatio, double highRatio) {
    }

    /** Vacuums: ranges thinner than the rolling P10, at least minWidthBps wide, within maxDistanceBps of mid. */
    public record Vacuums(double minWidthBps, double mediumBps, double highBps, double maxDistanceBps, int max) {
    }

    /** Volume profile over windowMs, bins of binBps of the first price, value area share, minimum trades. */
    public record Profile(long windowMs, double binBps, double valueArea, int minTrades) {
    }

    /** Depth bands (percent of mid, ascending) and slippage order sizes (quote units, ascending). */
    public record Bands(double[] pct, double[] slippageQuote) {
    }

    /**
     * Spoofing (see SpoofingDetector): large orders (wall threshold x sizeFactor) placed at least
     * minDistanceSpreads x the symbol's median spread (of the last spreadSamples) from mid and pulled within
     * maxLifetimeMs, no print at the price within tradeLookbackMs, not re-placed at another price within
     * requoteMs (same size within sizeTolerance); medium and high need minDurationMs of persistence and
     * sideShare of the pulls on one side.
     */
    public record Spoofing(long windowMs, double sizeFactor, double minDistanceSpreads, int spreadSamples,
            long tradeLookbackMs, long maxLifetimeMs, long requoteMs, double sizeTolerance, long minDurationMs,
            double sideShare, int minCount, int mediumCount, int highCount) {
    }

    /**
     * Iceberg: an episode ends after windowMs without a fill; minFills and executed/visible ratios; medium and
     * high also need mediumFills / highFills fills spanning at least minDurationMs.
     */
    public record Iceberg(long windowMs, int minFills, double minRatio, double mediumRatio, double highRatio,
            int mediumFills, int highFills, long minDurationMs) {
    }

    /**
     * Flash-crash risk signals (see FlashCrashRisk); the spread signal compares with the spreadQuantile of the
     * last spreadSamples spreads; nearBandPct is the band of the thin-book signal.
     */
    public record FlashCrash(long baselineMs, double spreadFactor, double spreadQuantile, int spreadSamples,
            double nearBandPct,
            double vacuumWidthBps, double depthShrink, long sliceMs, double sellShare, double acceleration) {
    }

    /** Health normalization: spread good/bad bps, depth target notional in the depth band (percent of mid). */
    public record Health(double spreadGoodBps, double spreadBadBps, double depthBandPct, double depthTarget) {
    }
}
