package io.context8.analytics;

/**
 * One symbol's event clock: the newest trusted exchange event time, which anchors every window. Only
 * exchange-timed events move it (trade {@code T}, diff and ticker {@code E}); a time ingest derived (an envelope
 * with {@code ts_event_estimated}) never does. An exchange time further than {@code maxSkewMs} from the median of
 * the last {@value #SAMPLES} exchange times seen is rejected: the event is applied at the clock's time instead, so
 * one absurd time (say 10 days ahead) cannot pin the windows. Rejected times still enter the median, so a stream
 * whose clock really moved (a later recording replayed after an earlier one) is followed after
 * {@value #SAMPLES}/2 + 1 events. The first exchange time of a symbol has nothing to be compared with and is taken
 * as it is. O({@value #SAMPLES}) per event, no allocation. Not thread-safe.
 */
final class EventClock {

    /** Exchange times the median is taken over (odd: the median is one of them). */
    static final int SAMPLES = 15;

    private final long maxSkewMs;
    /** Recent exchange times in arrival order (ring) and the same values sorted ascending. */
    private final long[] ring = new long[SAMPLES];
    private final long[] sorted = new long[SAMPLES];
    private int head;
    private int size;
    private long nowMs = -1;
    private long rejected;

    /** @param maxSkewMs largest accepted distance of an exchange time from the recent median; 0 or less = none */
    EventClock(long maxSkewMs) {
        this.maxSkewMs = maxSkewMs;
    }

    /**
     * Offers an exchange time; returns the time to apply the event at: {@code exchangeMs} when accepted (the clock
     * moves to it if it is newer), else the clock's current time (-1 before any accepted time).
     */
    long offer(long exchangeMs) {
        boolean accept = size == 0 || maxSkewMs <= 0 || Math.abs(exchangeMs - sorted[(size - 1) / 2]) <= maxSkewMs;
        remember(exchangeMs);
        if (!accept) {
            rejected++;
            return nowMs;
        }
        if (exchangeMs > nowMs) {
            nowMs = exchangeMs;
        }
        return exchangeMs;
    }

    /** The newest accepted exchange time (ms), -1 before the first. */
    long nowMs() {
        return nowMs;
    }

    /** Exchange times rejected so far. */
    long rejected() {
        return rejected;
    }

    private void remember(long t) {
        if (size == SAMPLES) {
            long evicted = ring[head];
            int i = 0;
            while (sorted[i] != evicted) {
                i++;
            }
            System.arraycopy(sorted, i + 1, sorted, i, size - i - 1);
            size--;
            ring[head] = t;
            head = (head + 1) % SAMPLES;
        } else {
            ring[(head + size) % SAMPLES] = t;
        }
        int j = size;
        while (j > 0 && sorted[j - 1] > t) {
            sorted[j] = sorted[j - 1];
            j--;
        }
        sorted[j] = t;
        size++;
    }
}
