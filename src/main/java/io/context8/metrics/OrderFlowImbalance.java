package io.context8.metrics;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import java.util.OptionalDouble;

/**
 * Order-flow imbalance of Cont, Kukanov and Stoikov ("The Price Impact of Order Book Events", 2014), summed over
 * a rolling window of exchange event time. For each book update {@code n} that changes the best bid
 * {@code (Pb, qb)} or best ask {@code (Pa, qa)}:
 *
 * <pre>
 * e_n = 1{Pb_n >= Pb_n-1} qb_n - 1{Pb_n <= Pb_n-1} qb_n-1 - 1{Pa_n <= Pa_n-1} qa_n + 1{Pa_n >= Pa_n-1} qa_n-1
 * </pre>
 *
 * and OFI = Σ e_n over the window (base units; positive = net buying pressure at the top of the book).
 * {@link #observe} is O(1) amortized and allocation-free (a ring of scaled longs with a running sum; it doubles
 * when more than its capacity of updates fall inside the window: documented allocation). {@link #reset} forgets
 * the previous top (after a resync the book jumps, which is not order flow). Not thread-safe.
 */
public final class OrderFlowImbalance {

    private final long windowMs;
    private long[] times;
    private long[] values;
    private int head;
    private int size;
    private long sum;
    private long newestMs = Long.MIN_VALUE;
    private boolean hasTop;
    private long pb;
    private long qb;
    private long pa;
    private long qa;
    private long events;

    public OrderFlowImbalance(long windowMs, int capacity) {
        if (windowMs < 1 || capacity < 1) {
            throw new IllegalArgumentException("windowMs and capacity must be >= 1");
        }
        this.windowMs = windowMs;
        this.times = new long[capacity];
        this.values = new long[capacity];
    }

    /** Reads the top of {@code book} at event time {@code timeMs} and adds e_n if it changed. */
    public void observe(OrderBook book, long timeMs) {
        advanceTo(timeMs);
        if (book.isEmpty(true) || book.isEmpty(false)) {
            hasTop = false; // OFI needs both sides; restart from the next two-sided top
            return;
        }
        long nb = book.bestBidPrice();
        long nqb = book.bestBidQty();
        long na = book.bestAskPrice();
        long nqa = book.bestAskQty();
        if (hasTop && (nb != pb || nqb != qb || na != pa || nqa != qa)) {
            long e = 0;
            if (nb >= pb) {
                e += nqb;
            }
            if (nb <= pb) {
                e -= qb;
            }
            if (na <= pa) {
                e -= nqa;
            }
            if (na >= pa) {
                e += qa;
            }
            push(Math.max(timeMs, newestMs), e);
        }
        pb = nb;
        qb = nqb;
        pa = na;
        qa = nqa;
        hasTop = true;
    }

    /** Forgets the previous top of book (the next observation starts a new sequence); keeps the window. */
    public void reset() {
        hasTop = false;
    }

    /** Moves the window's clock forward (earlier times are ignored). */
    public void advanceTo(long timeMs) {
        if (timeMs > newestMs) {
            newestMs = timeMs;
            evict();
        }
    }

    /** Σ e_n over (newest - window, newest] in base units; empty before the first top-of-book change. */
    public OptionalDouble value() {
        return events == 0 ? OptionalDouble.empty() : OptionalDouble.of(Decimals.toDouble(sum));
    }

    /** Top-of-book changes inside the window. */
    public int count() {
        return size;
    }

    private void push(long t, long e) {
        if (size == times.length) {
            grow();
        }
        int idx = (head + size) % times.length;
        times[idx] = t;
        values[idx] = e;
        size++;
        sum += e;
        events++;
    }

    private void evict() {
        long limit = newestMs - windowMs;
        while (size > 0 && times[head] <= limit) {
            sum -= values[head];
            head = (head + 1) % times.length;
            size--;
        }
    }

    /** Doubles the ring: allocates. */
    private void grow() {
        times = Rings.doubled(times, head, size);
        values = Rings.doubled(values, head, size);
        head = 0;
    }
}
