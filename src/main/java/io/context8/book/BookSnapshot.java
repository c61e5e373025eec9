package io.context8.book;

import java.util.Arrays;

/**
 * A read-only copy of the levels of a book near its top, taken once per report so that the report's steps read
 * one consistent book and never the live one (exchange-core hands its consumers an {@code L2MarketData} the same
 * way). Per side it keeps every level within {@code maxDistanceBps} of mid, at least {@code minLevels} levels,
 * and the levels a market order of {@code reachQuote} quote units would consume; {@link #levels} is the number
 * copied, {@link #bookLevels} the live book's count. The one walk per side that copies also keeps, per level, its
 * distance from mid and the running sums of quantity and notional, so depth within any band of mid
 * ({@link #depthWithin}) is a binary search instead of another walk. Preallocated arrays grow (doubling) only when a
 * side holds more levels than ever before; otherwise {@link #take} allocates nothing. One thread.
 */
public final class BookSnapshot implements OrderBook {

    /** Levels copied from the live book at a time, before the stop rule is checked again. */
    private static final int BLOCK = 64;

    private final Side bids = new Side();
    private final Side asks = new Side();
    private double mid = Double.NaN;
    private boolean taken;

    /**
     * Copies the top of {@code book}: on each side, level {@code i} is kept while {@code i < minLevels}, or its
     * distance from mid is at most {@code maxDistanceBps}, or the notional of the better levels is below
     * {@code reachQuote}. Without a mid (an empty side) only the {@code minLevels} rule and the reach apply.
     * O(levels copied).
     */
    public void take(OrderBook book, int minLevels, double maxDistanceBps, double reachQuote) {
        mid = book.isEmpty(true) || book.isEmpty(false) ? Double.NaN
                : (Decimals.toDouble(book.bestBidPrice()) + Decimals.toDouble(book.bestAskPrice())) / 2.0;
        bids.copy(book, true, mid, minLevels, maxDistanceBps, reachQuote);
        asks.copy(book, false, mid, minLevels, maxDistanceBps, reachQuote);
        taken = true;
    }

    /** Empties the snapshot: a book that is not usable (out of sync) is copied as no levels. */
    public void clearTaken() {
        bids.size = 0;
        asks.size = 0;
        bids.bookLevels = 0;
        asks.bookLevels = 0;
        mid = Double.NaN;
        taken = true;
    }

    /** Forgets the snapshot (before each report): steps that need one see {@link #taken()} false. */
    public void reset() {
        taken = false;
    }

    /** True once {@link #take} or {@link #clearTaken} ran for the current report. */
    public boolean taken() {
        return taken;
    }

    /** (best bid + best ask) / 2 of the copied book, as {@code BookMetrics.mid}; NaN with an empty side. */
    public double mid() {
        return mid;
    }

    /** Levels of the live book on a side when the snapshot was taken (the copy may hold fewer). */
    public int bookLevels(boolean bid) {
        return (bid ? bids : asks).bookLevels;
    }

    /**
     * Cumulative depth of one side within each band of {@link #mid}: the same numbers as
     * {@code DepthBands.cumulative(this, bid, mid(), pct, qty, notional)} (the same sums in the same order, kept
     * by the copy), found by a binary search per band. {@code pct} ascending; zeros without a mid. O(bands × log
     * levels).
     */
    public void depthWithin(boolean bid, double[] pct, double[] qty, double[] notional) {
        Arrays.fill(qty, 0, pct.length, 0);
        Arrays.fill(notional, 0, pct.length, 0);
        if (!(mid > 0)) {
            return;
        }
        Side s = bid ? bids : asks;
        int from = 0;
        for (int k = 0; k < pct.length; k++) {
            int i = s.firstBeyond(pct[k], from);
            qty[k] = i == 0 ? 0 : s.cumQty[i - 1];
            notional[k] = i == 0 ? 0 : s.cumNotional[i - 1];
            from = i;
        }
    }

    @Override
    public int levels(boolean bid) {
        return (bid ? bids : asks).size;
    }

    @Override
    public long priceAt(boolean bid, int i) {
        return side(bid, i).prices[i];
    }

    @Override
    public long qtyAt(boolean bid, int i) {
        return side(bid, i).qtys[i];
    }

    /** The side, after checking that level {@code i} was copied. */
    private Side side(boolean bid, int i) {
        Side s = bid ? bids : asks;
        if (i < 0 || i >= s.size) {
            throw new IndexOutOfBoundsException(i);
        }
        return s;
    }

    /** A snapshot is read-only. */
    @Override
    public void apply(boolean bid, long price, long qty) {
        throw new UnsupportedOperationException("a book snapshot is read-only");
    }

    /** A snapshot is read-only. */
    @Override
    public void clear() {
        throw new UnsupportedOperationException("a book snapshot is read-only");
    }

    private static final class Side {
        long[] prices = new long[256];
        long[] qtys = new long[256];
        /** Per level: |price − mid| / mid × 100 (percent, as DepthBands computes it), running Σ qty and Σ price × qty. */
        double[] distPct = new double[256];
        double[] cumQty = new double[256];
        double[] cumNotional = new double[256];
        /** distPct never decreases along the side (true unless the book is crossed through mid). */
        boolean monotonic;
        int size;
        int bookLevels;

        void copy(OrderBook book, boolean bid, double mid, int minLevels, double maxDistanceBps, double reach) {
            int n = book.levels(bid);
            bookLevels = n;
            double limit = Double.isNaN(mid) ? Double.NaN : bid ? mid * (1 - maxDistanceBps / 1e4)
                    : mid * (1 + maxDistanceBps / 1e4);
            double sumQ = 0;
            double sumN = 0;
            boolean mono = true;
            int k = 0;
            int copied = 0;
            while (k < n) {
                if (k == copied) {
                    int block = Math.min(BLOCK, n - copied);
                    ensure(copied + block);
                    book.copyLevels(bid, copied, block, prices, qtys);
                    copied += block;
                }
                double px = Decimals.toDouble(prices[k]);
                boolean near = !Double.isNaN(limit) && (bid ? px >= limit : px <= limit);
                if (k >= minLevels && !near && sumN >= reach) {
                    break;
                }
                double q = Decimals.toDouble(qtys[k]);
                double d = Math.abs(px - mid) / mid * 100;
                if (k > 0 && d < distPct[k - 1]) {
                    mono = false;
                }
                distPct[k] = d;
                sumQ += q;
                sumN += px * q;
                cumQty[k] = sumQ;
                cumNotional[k] = sumN;
                k++;
            }
            size = k;
            monotonic = mono;
        }

        /** The first level at or after {@code from} whose distance exceeds {@code pct}; {@code size} when none. */
        int firstBeyond(double pct, int from) {
            if (!monotonic) {
                int i = from;
                while (i < size && !(distPct[i] > pct)) {
                    i++;
                }
                return i;
            }
            int lo = from;
            int hi = size;
            while (lo < hi) {
                int m = (lo + hi) >>> 1;
                if (distPct[m] > pct) {
                    hi = m;
                } else {
                    lo = m + 1;
                }
            }
            return lo;
        }

        private void ensure(int capacity) {
            if (capacity > prices.length) {
                int c = Math.max(capacity, 2 * prices.length);
                prices = Arrays.copyOf(prices, c);
                qtys = Arrays.copyOf(qtys, c);
                distPct = Arrays.copyOf(distPct, c);
                cumQty = Arrays.copyOf(cumQty, c);
                cumNotional = Arrays.copyOf(cumNotional, c);
            }
        }
    }
}
