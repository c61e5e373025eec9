package io.context8.analytics;

/**
 * What the analytics engine tells the outside about its progress (metrics, summaries), without depending on a
 * metrics library. Called on the stream consumer's thread: once per symbol per batch and once per report,
 * never per event. Implementations must not block or allocate per call.
 */
public interface AnalyticsObserver {

    /** Observes nothing. */
    AnalyticsObserver NONE = new AnalyticsObserver() {
    };

    /**
     * After a batch was applied (an empty batch is an idle poll: the consumer has caught up).
     *
     * @param newestIngestMs newest {@code ts_ingest} among the symbol's events in this batch; -1 when the batch
     *                       held none of its events
     * @param nowMs          local time after the batch
     */
    default void batchApplied(String symbol, long newestIngestMs, long nowMs) {
    }

    /**
     * A report was built.
     *
     * @param metricsNanos   time of its metric steps (route {@code build-market-report} up to write-report)
     * @param serializeNanos time to write its JSON (step write-report)
     * @param report         the filled report (read its fields here; it is reused after this call)
     */
    default void reportBuilt(String symbol, long metricsNanos, long serializeNanos, ReportData report) {
    }

    /** A step of the route {@code build-market-report} ran for {@code nanos} (its node id as {@code step}). */
    default void reportStep(String step, long nanos) {
    }
}
