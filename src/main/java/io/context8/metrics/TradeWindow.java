package io.context8.metrics;

import io.context8.book.Decimals;
import java.util.OptionalDouble;

/**
 * Rolling window of trades on EXCHANGE event time (ms), for trade rate and aggressor net flow. A ring buffer
 * of primitives (event time, scaled quantity, aggressor side) keeps the trades of the last
 * {@code retentionMs} relative to the NEWEST event time seen; adding a trade is O(1) amortized (append +
 * evict from the old end) and allocation-free unless more than {@code capacity} trades fall inside the
 * retention (the ring then doubles: documented allocation). Queries walk the trades inside the asked window
 * (O(k), once per report, not per trade).
 *
 * <p>A trade is inside a window {@code W} when {@code newest - W < time <= newest}.
 *
 * <p>Idempotency and order: a trade whose id is {@code <=} the last id seen is a re-delivery and ignored.
 * A trade with a new id but an event time OLDER than the newest one seen (out of order) is counted at the
 * newest time (its time is clamped up), so the ring stays sorted and it is evicted with the newest ones;
 * a trade already older than the retention at arrival is still counted that way (documented approximation;
 * Binance trade times are monotone in the trade id, so this does not happen on a well-ordered stream).
 *
 * <p>No value: before the first trade both answers are {@link OptionalDouble#empty()}. Once a trade was
 * seen, an empty window gives real observed zeros (rate 0/s, net flow 0). Not thread-safe.
 */
public final class TradeWindow {

    private final long retentionMs;
    private long[] times;
    private long[] qtys; // scaled by 1e8; positive = aggressive buy, negative = aggressive sell
    private int head;
    private int size;

    private long newestMs = Long.MIN_VALUE;
    private long lastTradeId = Long.MIN_VALUE;
    private long ignored;

    /** A window keeping {@code retentionMs} of trades (the largest window that will be queried). */
    public TradeWindow(long retentionMs, int capacity) {
        if (retentionMs < 1 || capacity < 1) {
            throw new IllegalArgumentException("retentionMs and capacity must be >= 1");
        }
        this.retentionMs = retentionMs;
        this.times = new long[capacity];
        this.qtys = new long[capacity];
    }

    /**
     * Adds a trade: Binance {@code t}, event time {@code E} (ms), {@code q} as a scaled long, and {@code m}
     * (true = buyer is maker, i.e. the aggressor SOLD). Returns false if ignored as a re-delivery.
     */
    public boolean add(long tradeId, long eventTimeMs, long qtyScaled, boolean buyerIsMaker) {
        if (tradeId <= lastTradeId) {
            ignored++;
            return false;
        }
        if (qtyScaled < 0) {
            throw new IllegalArgumentException("negative quantity: " + qtyScaled);
        }
        lastTradeId = tradeId;
        long t = Math.max(eventTimeMs, newestMs);
        newestMs = t;
        evict();
        if (size == times.length) {
            grow();
        }
        int idx = (head + size) % times.length;
        times[idx] = t;
        qtys[idx] = buyerIsMaker ? -qtyScaled : qtyScaled;
        size++;
        return true;
    }

    /**
     * Moves the window's clock to {@code eventTimeMs} without a trade (e.g. from another stream's event time),
     * so a quiet market decays to a zero rate; earlier times are ignored.
     */
    public void advanceTo(long eventTimeMs) {
        if (newestMs != Long.MIN_VALUE && eventTimeMs > newestMs) {
            newestMs = eventTimeMs;
            evict();
        }
    }

    /** Trade rate = trades in the last {@code windowMs} / (windowMs / 1000), per second. */
    public OptionalDouble ratePerSec(long windowMs) {
        checkWindow(windowMs);
        if (newestMs == Long.MIN_VALUE) {
            return OptionalDouble.empty();
        }
        long from = newestMs - windowMs;
        int n = 0;
        for (int i = size - 1; i >= 0 && times[(head + i) % times.length] > from; i--) {
            n++;
        }
        return OptionalDouble.of(n / (windowMs / 1000.0));
    }

    /** Net flow = aggressive buy qty - aggressive sell qty (base units) in the last {@code windowMs}. */
    public OptionalDouble netFlow(long windowMs) {
        checkWindow(windowMs);
        if (newestMs == Long.MIN_VALUE) {
            return OptionalDouble.empty();
        }
        long from = newestMs - windowMs;
        long sum = 0;
        for (int i = size - 1; i >= 0; i--) {
            int idx = (head + i) % times.length;
            if (times[idx] <= from) {
                break;
            }
            sum += qtys[idx];
        }
        return OptionalDouble.of(Decimals.toDouble(sum));
    }

    /**
     * Aggressive buy and sell volume (base units, both &gt;= 0) of the trades with time in
     * {@code (newest - offsetMs - windowMs, newest - offsetMs]} into {@code out[0]} (buys) and {@code out[1]}
     * (sells); returns false (out untouched) before the first trade. O(trades in the slice and after it).
     */
    public boolean volumes(long offsetMs, long windowMs, double[] out) {
        if (offsetMs < 0 || windowMs < 1 || offsetMs + windowMs > retentionMs) {
            throw new IllegalArgumentException("slice must lie within the last " + retentionMs + " ms");
        }
        if (newestMs == Long.MIN_VALUE) {
            return false;
        }
        long to = newestMs - offsetMs;
        long from = to - windowMs;
        long buy = 0;
        long sell = 0;
        for (int i = size - 1; i >= 0; i--) {
            int idx = (head + i) % times.length;
            long t = times[idx];
            if (t <= from) {
                break;
            }
            if (t <= to) {
                long q = qtys[idx];
                if (q >= 0) {
                    buy += q;
                } else {
                    sell -= q;
                }
            }
        }
        out[0] = Decimals.toDouble(buy);
        out[1] = Decimals.toDouble(sell);
        return true;
    }

    /** Newest event time seen (ms), or {@code Long.MIN_VALUE} before the first trade. */
    public long newestEventTimeMs() {
        return newestMs;
    }

    /** Trades currently retained. */
    public int size() {
        return size;
    }

    /** Trades ignored as re-deliveries (id {@code <=} last id). */
    public long ignoredCount() {
        return ignored;
    }

    private void evict() {
        long limit = newestMs - retentionMs;
        while (size > 0 && times[head] <= limit) {
            head = (head + 1) % times.length;
            size--;
        }
    }

    /** Doubles the ring, unrolling it: allocates. */
    private void grow() {
        times = Rings.doubled(times, head, size);
        qtys = Rings.doubled(qtys, head, size);
        head = 0;
    }

    private void checkWindow(long windowMs) {
        if (windowMs < 1 || windowMs > retentionMs) {
            throw new IllegalArgumentException("window must be in [1, " + retentionMs + "] ms, was " + windowMs);
        }
    }
}
