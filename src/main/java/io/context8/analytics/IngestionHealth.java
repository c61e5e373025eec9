package io.context8.analytics;

/**
 * The report's {@code ingestion} section: {@code ok}, {@code degraded} or {@code down}, with the reason.
 * Rules, checked in order (docs/metrics.md):
 * <ol>
 *   <li>degraded: no ingest status document in Redis but fresh events (just started, before analytics has
 *       read ingest's first heartbeat; or ingest cannot write its status);</li>
 *   <li>down: no ingest status document in Redis (ingest not running, or its heartbeat expired);</li>
 *   <li>down: no event ever received for the symbol: {@value #NO_DATA_REASON} (and why that may be);</li>
 *   <li>down: data age above {@code downAfterMs} (10 s by default);</li>
 *   <li>degraded: the local book is not in sync (awaiting a snapshot, after a gap, stale snapshot, or suspect:
 *       it disagreed with Binance's bookTicker, was crossed or frozen, and was discarded);</li>
 *   <li>degraded: data age above {@code freshMaxMs} (1 s by default);</li>
 *   <li>ok otherwise.</li>
 * </ol>
 */
public final class IngestionHealth {

    /** How a reason about a symbol without any event starts (list_symbols shows the reason as its status). */
    public static final String NO_DATA_REASON = "no data for this symbol yet";

    /** Status and reason. */
    public record Status(String status, String reason) {
    }

    private final long freshMaxMs;
    private final long downAfterMs;

    public IngestionHealth(long freshMaxMs, long downAfterMs) {
        this.freshMaxMs = freshMaxMs;
        this.downAfterMs = downAfterMs;
    }

    /**
     * @param ingestRunning whether an ingest status document is present
     * @param dataAgeMs     local ms since the symbol's newest event was ingested, or -1 when none was
     * @param bookInSync    whether the local order book is in sync
     * @param bookState     the book's state name, for the reason
     */
    public Status evaluate(boolean ingestRunning, long dataAgeMs, boolean bookInSync, String bookState) {
        if (!ingestRunning) {
            if (fresh(dataAgeMs)) {
                return new Status("degraded", "events are arriving but ingest's heartbeat is missing (just started,"
                        + " or the ingest role cannot write its status to Redis)");
            }
            return new Status("down", "no ingest heartbeat: the ingest role is not running or cannot reach Redis");
        }
        if (dataAgeMs < 0) {
            return new Status("down", NO_DATA_REASON + ": the feed has delivered no event for it (the exchange is"
                    + " unreachable, or the feed has nothing for this symbol: a recording without it, or a symbol the"
                    + " exchange does not list)");
        }
        if (dataAgeMs > downAfterMs) {
            return new Status("down", "no events for " + dataAgeMs / 1000 + " s (limit " + downAfterMs / 1000 + " s)");
        }
        if (!bookInSync && "suspect".equals(bookState)) {
            return new Status("degraded", "order book suspect (it disagreed with Binance's bookTicker, was crossed or"
                    + " frozen): discarded, resyncing from a fresh snapshot");
        }
        if (!bookInSync) {
            return new Status("degraded", "order book not in sync (" + bookState + "): waiting for a depth snapshot");
        }
        if (dataAgeMs > freshMaxMs) {
            return new Status("degraded", "data is " + dataAgeMs + " ms old (fresh limit " + freshMaxMs + " ms)");
        }
        return new Status("ok", "receiving events, order book in sync");
    }

    public long freshMaxMs() {
        return freshMaxMs;
    }

    public long downAfterMs() {
        return downAfterMs;
    }

    public boolean fresh(long dataAgeMs) {
        return dataAgeMs >= 0 && dataAgeMs <= freshMaxMs;
    }
}
