package io.context8.metrics;

import java.util.OptionalDouble;

/**
 * Rolling count of events on EXCHANGE event time (ms), e.g. the price-level changes of applied diffs: a ring of
 * primitives (time, count) keeps the entries of the last {@code windowMs} relative to the newest time seen.
 * {@link #add} is O(1) amortized and allocation-free unless more than {@code capacity} entries fall inside the
 * window (the ring then doubles: documented allocation). An entry is inside the window when
 * {@code newest - windowMs < time <= newest}; an entry older than the newest time is counted at the newest time.
 * No value before the first {@link #add}; after it, an empty window is a real zero. Not thread-safe.
 */
public final class EventRate {

    private final long windowMs;
    private long[] times;
    private long[] counts;
    private int head;
    private int size;
    private long inWindow;
    private long newestMs = Long.MIN_VALUE;

    public EventRate(long windowMs, int capacity) {
        if (windowMs < 1 || capacity < 1) {
            throw new IllegalArgumentException("windowMs and capacity must be >= 1");
        }
        this.windowMs = windowMs;
        this.times = new long[capacity];
        this.counts = new long[capacity];
    }

    /** Adds {@code count} events at {@code timeMs} (a zero count only starts the clock). */
    public void add(long timeMs, long count) {
        long t = Math.max(timeMs, newestMs);
        newestMs = t;
        evict();
        if (count <= 0) {
            return;
        }
        if (size == times.length) {
            times = Rings.doubled(times, head, size);
            counts = Rings.doubled(counts, head, size);
            head = 0;
        }
        int idx = (head + size) % times.length;
        times[idx] = t;
        counts[idx] = count;
        size++;
        inWindow += count;
    }

    /** Moves the clock forward without events (earlier times, and any time before the first add, are ignored). */
    public void advanceTo(long timeMs) {
        if (newestMs != Long.MIN_VALUE && timeMs > newestMs) {
            newestMs = timeMs;
            evict();
        }
    }

    /** Events in the window / (windowMs / 1000), per second; empty before the first {@link #add}. */
    public OptionalDouble ratePerSec() {
        return newestMs == Long.MIN_VALUE ? OptionalDouble.empty() : OptionalDouble.of(inWindow / (windowMs / 1000.0));
    }

    private void evict() {
        long limit = newestMs - windowMs;
        while (size > 0 && times[head] <= limit) {
            inWindow -= counts[head];
            head = (head + 1) % times.length;
            size--;
        }
    }
}
