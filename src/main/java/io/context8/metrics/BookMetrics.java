package io.context8.metrics;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import java.util.OptionalDouble;

/**
 * Top-of-book and depth metrics as pure functions of an {@link OrderBook}. Prices are returned in quote
 * units and quantities in base units (doubles, converted from the book's scaled longs).
 *
 * <p>No value is {@link OptionalDouble#empty()}, never 0: mid, spread and weighted mid need both sides;
 * depth needs the side it sums; imbalance needs at least one level on either side. A crossed book
 * (best bid above best ask) is reported as is: its spread is negative, nothing is clamped. None of these
 * methods allocates beyond the returned {@code OptionalDouble}. Callers decide whether the book is
 * trustworthy (e.g. {@code BookSynchronizer.inSync()}).
 */
public final class BookMetrics {

    private BookMetrics() {
    }

    /** Mid price = (bestBid + bestAsk) / 2 (standard definition). */
    public static OptionalDouble mid(OrderBook book) {
        if (book.isEmpty(true) || book.isEmpty(false)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((px(book.bestBidPrice()) + px(book.bestAskPrice())) / 2.0);
    }

    /** Spread in basis points = (bestAsk - bestBid) / mid * 1e4; negative when crossed, 0 when locked. */
    public static OptionalDouble spreadBps(OrderBook book) {
        if (book.isEmpty(true) || book.isEmpty(false)) {
            return OptionalDouble.empty();
        }
        double bid = px(book.bestBidPrice());
        double ask = px(book.bestAskPrice());
        return OptionalDouble.of((ask - bid) / ((bid + ask) / 2.0) * 1e4);
    }

    /**
     * Size-weighted mid = (bid * askQty + ask * bidQty) / (bidQty + askQty) over the best levels (the
     * "micro price" of common usage; NOT Stoikov's 2018 micro-price, which adds an estimated adjustment).
     */
    public static OptionalDouble weightedMid(OrderBook book) {
        if (book.isEmpty(true) || book.isEmpty(false)) {
            return OptionalDouble.empty();
        }
        double bid = px(book.bestBidPrice());
        double ask = px(book.bestAskPrice());
        double bq = px(book.bestBidQty());
        double aq = px(book.bestAskQty());
        return OptionalDouble.of((bid * aq + ask * bq) / (bq + aq));
    }

    /** Depth = sum of qty over the best {@code n} levels of a side (fewer if the side is shallower). */
    public static OptionalDouble depthQty(OrderBook book, boolean bid, int n) {
        checkN(n);
        if (book.isEmpty(bid)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(px(sumQty(book, bid, n)));
    }

    /** Notional depth = sum of price * qty (quote units) over the best {@code n} levels of a side. */
    public static OptionalDouble depthNotional(OrderBook book, boolean bid, int n) {
        checkN(n);
        if (book.isEmpty(bid)) {
            return OptionalDouble.empty();
        }
        int m = Math.min(n, book.levels(bid));
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += px(book.priceAt(bid, i)) * px(book.qtyAt(bid, i));
        }
        return OptionalDouble.of(sum);
    }

    /**
     * Order-book imbalance over the top {@code n} = (bidQty - askQty) / (bidQty + askQty), in [-1, 1]; +1 when
     * only bids exist, -1 when only asks; empty when the book is empty (volume imbalance as in Cartea,
     * Jaimungal &amp; Penalva, "Algorithmic and High-Frequency Trading", 2015).
     */
    public static OptionalDouble imbalance(OrderBook book, int n) {
        checkN(n);
        long b = sumQty(book, true, n);
        long a = sumQty(book, false, n);
        if (a == 0 && b == 0) {
            return OptionalDouble.empty();
        }
        double bd = b;
        double ad = a;
        return OptionalDouble.of((bd - ad) / (bd + ad));
    }

    /** Crossed = both sides present and bestBid &gt; bestAsk (reported, not clamped). */
    public static boolean crossed(OrderBook book) {
        return !book.isEmpty(true) && !book.isEmpty(false) && book.bestBidPrice() > book.bestAskPrice();
    }

    /** Locked = both sides present and bestBid == bestAsk. */
    public static boolean locked(OrderBook book) {
        return !book.isEmpty(true) && !book.isEmpty(false) && book.bestBidPrice() == book.bestAskPrice();
    }

    /** Sum of scaled quantities over the best n levels (exact; overflows only beyond 9.2e10 units). */
    private static long sumQty(OrderBook book, boolean bid, int n) {
        int m = Math.min(n, book.levels(bid));
        long sum = 0;
        for (int i = 0; i < m; i++) {
            sum += book.qtyAt(bid, i);
        }
        return sum;
    }

    private static double px(long scaled) {
        return Decimals.toDouble(scaled);
    }

    private static void checkN(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, was " + n);
        }
    }
}
