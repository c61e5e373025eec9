package io.context8.metrics;

import java.util.OptionalDouble;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;

/**
 * Depth within percentage bands of mid and market-order slippage, as pure functions of a book snapshot.
 * Allocation-free apart from the returned {@code OptionalDouble}; O(levels inside the widest band or consumed
 * by the order).
 */
public final class DepthBands {

    private DepthBands() {
    }

    /**
     * Cumulative depth of one side within each band: for band {@code k} (a percentage, ascending), the sum over
     * levels with {@code |price - mid| / mid <= pct[k] / 100} of qty (base units) into {@code qty[k]} and of
     * price × qty (quote units) into {@code notional[k]}. Both arrays are overwritten; an empty side gives
     * zeros (observed: nothing rests there), the caller decides whether the side exists.
     */
    public static void cumulative(OrderBook book, boolean bid, double mid, double[] pct, double[] qty,
            double[] notional) {
        java.util.Arrays.fill(qty, 0, pct.length, 0);
        java.util.Arrays.fill(notional, 0, pct.length, 0);
        if (!(mid > 0) || pct.length == 0) {
            return;
        }
        int band = 0;
        double sumQ = 0;
        double sumN = 0;
        for (int i = 0, n = book.levels(bid); i < n; i++) {
            double p = Decimals.toDouble(book.priceAt(bid, i));
            double distPct = Math.abs(p - mid) / mid * 100;
            while (band < pct.length && distPct > pct[band]) {
                qty[band] = sumQ;
                notional[band] = sumN;
                band++;
            }
            if (band == pct.length) {
                return;
            }
            double q = Decimals.toDouble(book.qtyAt(bid, i));
            sumQ += q;
            sumN += p * q;
        }
        for (; band < pct.length; band++) {
            qty[band] = sumQ;
            notional[band] = sumN;
        }
    }

    /**
     * True when a band of {@code pct} % around {@code mid} reaches past the price range the last snapshot covered
     * ({@code bidLow} / {@code askHigh}: its deepest levels, scaled, -1 = unknown) on a side the snapshot did not
     * hold completely: beyond that range the book only holds the levels diffs added since, so the band's sums
     * there are a lower bound.
     */
    public static boolean beyondCoverage(double mid, double pct, long bidLow, boolean bidComplete, long askHigh,
            boolean askComplete) {
        double below = mid * (1 - pct / 100);
        double above = mid * (1 + pct / 100);
        boolean bidPartial = !bidComplete && (bidLow < 0 || below < Decimals.toDouble(bidLow));
        boolean askPartial = !askComplete && (askHigh < 0 || above > Decimals.toDouble(askHigh));
        return bidPartial || askPartial;
    }

    /**
     * Slippage in bps of a market order spending {@code quote} units, walked through the opposite side: a buy
     * consumes asks, a sell consumes bids, each level at its price until the quote amount is filled. Result =
     * (VWAP - mid) / mid × 10⁴ for a buy, (mid - VWAP) / mid × 10⁴ for a sell: the cost against mid, so it
     * includes half the spread. Empty when the side holds less than {@code quote} or mid is unknown.
     */
    public static OptionalDouble slippageBps(OrderBook book, boolean buy, double quote, double mid) {
        if (!(mid > 0) || !(quote > 0)) {
            return OptionalDouble.empty();
        }
        boolean side = !buy; // a buy walks the asks
        double remaining = quote;
        double base = 0;
        for (int i = 0, n = book.levels(side); i < n; i++) {
            double p = Decimals.toDouble(book.priceAt(side, i));
            double q = Decimals.toDouble(book.qtyAt(side, i));
            double notional = p * q;
            if (notional >= remaining) {
                base += remaining / p;
                double vwap = quote / base;
                return OptionalDouble.of((buy ? vwap - mid : mid - vwap) / mid * 1e4);
            }
            remaining -= notional;
            base += q;
        }
        return OptionalDouble.empty();
    }
}
