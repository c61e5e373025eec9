package io.context8.analytics;

/**
 * The parts of a report that a step of the route {@code build-market-report} computes. A part whose step is not in
 * the route (a user removed it) is written as null and named in the report's {@code not_computed}
 * (docs/metrics.md, "Report chain"); a detector's part names the anomaly type it would have found.
 */
public enum ReportSection {
    /** {@code spread_bps}, {@code mid}, {@code micro_price}, {@code imbalance}, {@code depth}: step measure-book. */
    TOP_OF_BOOK("top_of_book"),
    /** {@code liquidity.bands}: step measure-depth-bands. */
    BANDS("bands"),
    /** {@code liquidity.walls}, {@code vacuums} and the level quantiles: step find-walls-and-vacuums. */
    WALLS_VACUUMS("walls_vacuums"),
    /** {@code liquidity.profile}: step measure-profile. */
    PROFILE("profile"),
    /** {@code flow}: step measure-flow. */
    FLOW("flow"),
    /** Spoofing findings in {@code anomalies}: step detect-spoofing. */
    SPOOFING("spoofing"),
    /** Iceberg findings in {@code anomalies}: step detect-icebergs. */
    ICEBERG("iceberg"),
    /** Flash-crash-risk findings in {@code anomalies}: step assess-flash-crash-risk. */
    FLASH_CRASH_RISK("flash_crash_risk"),
    /** {@code ingestion}, {@code data_age_ms}, {@code fresh}: step assess-ingestion. */
    INGESTION("ingestion"),
    /** {@code health}: step score-health. */
    HEALTH("health");

    private final String json;

    ReportSection(String json) {
        this.json = json;
    }

    /** The name in {@code not_computed}. */
    public String json() {
        return json;
    }

    int bit() {
        return 1 << ordinal();
    }

    /** Bit set of every section. */
    static final int ALL = (1 << values().length) - 1;

    /** Bit set of the detector sections (any of them makes {@code anomalies} computed). */
    static final int DETECTORS = SPOOFING.bit() | ICEBERG.bit() | FLASH_CRASH_RISK.bit();
}
