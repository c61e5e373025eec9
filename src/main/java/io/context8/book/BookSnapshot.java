package io.context8.book;

import java.util.Arrays;

/**
 * A read-only copy of the levels of a book near its top, taken once per report so that the report's steps read
 * one consistent book and never the live one (exchange-core hands its consumers an {@code L2MarketData} the same
 * way). Per side it keeps every level within {@code maxDistanceBps} of mid, at least {@code minLevels} levels,
 * and the levels a market order of {@code reachQuote} quote units would consume; {@link #levels} is the number
 * copied, {@link #bookLevels} the live book's count. Preallocated arrays grow (doubling) only when a side holds
 * more levels than ever before; otherwise {@link #take} allocates nothing. One writer and readers on one thread.
 */
public final class BookSnapshot implements OrderBook {

    private final Side bids = new Side();
    private final Side asks = new Side();
    private boolean taken;

    /**
     * Copies the top of {@code book}: on each side, level {@code i} is kept while {@code i < minLevels}, or its
     * distance from mid is at most {@code maxDistanceBps}, or the notional of the better levels is below
     * {@code reachQuote}. Without a mid (an empty side) only the {@code minLevels} rule and the reach apply.
     * O(levels copied).
     */
    public void take(OrderBook book, int minLevels, double maxDistanceBps, double reachQuote) {
        double mid = book.isEmpty(true) || book.isEmpty(false) ? Double.NaN
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

    /** Levels of the live book on a side when the snapshot was taken (the copy may hold fewer). */
    public int bookLevels(boolean bid) {
        return (bid ? bids : asks).bookLevels;
    }

    @Override
    public int levels(boolean bid) {
        return (bid ? bids : asks).size;
    }

    @Override
    public long priceAt(boolean bid, int i) {
        Side s = bid ? bids : asks;
        if (i < 0 || i >= s.size) {
            throw new IndexOutOfBoundsException(i);
        }
        return s.prices[i];
    }

    @Override
    public long qtyAt(boolean bid, int i) {
        Side s = bid ? bids : asks;
        if (i < 0 || i >= s.size) {
            throw new IndexOutOfBoundsException(i);
        }
        return s.qtys[i];
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
        int size;
        int bookLevels;

        void copy(OrderBook book, boolean bid, double mid, int minLevels, double maxDistanceBps, double reach) {
            int n = book.levels(bid);
            bookLevels = n;
            double limit = Double.isNaN(mid) ? Double.NaN : bid ? mid * (1 - maxDistanceBps / 1e4)
                    : mid * (1 + maxDistanceBps / 1e4);
            double notional = 0;
            int k = 0;
            for (; k < n; k++) {
                long p = book.priceAt(bid, k);
                double px = Decimals.toDouble(p);
                boolean near = !Double.isNaN(limit) && (bid ? px >= limit : px <= limit);
                if (k >= minLevels && !near && notional >= reach) {
                    break;
                }
                if (k == prices.length) {
                    prices = Arrays.copyOf(prices, 2 * k);
                    qtys = Arrays.copyOf(qtys, 2 * k);
                }
                long q = book.qtyAt(bid, k);
                prices[k] = p;
                qtys[k] = q;
                notional += px * Decimals.toDouble(q);
            }
            size = k;
        }
    }
}
