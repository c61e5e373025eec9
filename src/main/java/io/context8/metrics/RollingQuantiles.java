package io.context8.metrics;

/**
 * Rolling window of the last {@code capacity} observed values (scaled longs, e.g. level quantities), with
 * nearest-rank quantiles. Adding is O(1) and allocation-free (a ring that overwrites the oldest value); a
 * quantile copies the window into a preallocated scratch array and runs a quickselect: O(capacity) per query,
 * done once per report, never per event; the last two quantiles asked for are kept until the window changes, so
 * the steps of one report that ask the same quantile pay once. Not thread-safe.
 */
public final class RollingQuantiles {

    private final long[] ring;
    private final long[] scratch;
    private int next;
    private int size;
    /** The last two quantiles asked for, valid until the next change of the window (a report asks P95 and P10). */
    private final double[] memoP = {Double.NaN, Double.NaN};
    private final long[] memoValue = new long[2];
    private int memoNext;

    public RollingQuantiles(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        ring = new long[capacity];
        scratch = new long[capacity];
    }

    /** Adds one observation, evicting the oldest when the window is full. */
    public void add(long value) {
        forget();
        ring[next] = value;
        next = next + 1 == ring.length ? 0 : next + 1;
        if (size < ring.length) {
            size++;
        }
    }

    public int size() {
        return size;
    }

    public void clear() {
        forget();
        size = 0;
        next = 0;
    }

    /**
     * Nearest-rank quantile: the value at rank {@code ceil(p * n)} (1-based) of the sorted window, for
     * {@code p} in (0, 1]; {@link Long#MIN_VALUE} when the window is empty.
     */
    public long quantile(double p) {
        if (!(p > 0 && p <= 1)) {
            throw new IllegalArgumentException("p must be in (0, 1], was " + p);
        }
        if (size == 0) {
            return Long.MIN_VALUE;
        }
        for (int i = 0; i < 2; i++) {
            if (memoP[i] == p) {
                return memoValue[i];
            }
        }
        System.arraycopy(ring, 0, scratch, 0, size);
        int k = (int) Math.ceil(p * size) - 1;
        long v = select(scratch, size, Math.max(0, k));
        memoP[memoNext] = p;
        memoValue[memoNext] = v;
        memoNext ^= 1;
        return v;
    }

    private void forget() {
        memoP[0] = Double.NaN;
        memoP[1] = Double.NaN;
    }

    /** Hoare quickselect of the k-th smallest (0-based) of a[0..n), median-of-three pivots; reorders a. */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long pivot = median(a[lo], a[mid], a[hi]);
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
