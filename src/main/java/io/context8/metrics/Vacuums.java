package io.context8.metrics;

import java.util.List;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;

/**
 * Liquidity vacuums: price ranges of one side where every level is thinner than {@code thin} (the rolling P10 of
 * observed level quantities). Walking from the best level outward, a range runs from the last level at or
 * above {@code thin} (or the best price) to the next one (or the last level walked); consecutive thin levels,
 * and empty price gaps, therefore merge into one range. A range is kept when its width is at least
 * {@code minWidthBps} of mid. Pure function of a book snapshot; O(levels within the distance limit);
 * allocates one small record per vacuum found.
 */
public final class Vacuums {

    /**
     * One vacuum: side, {@code from} (nearer to mid) and {@code to} prices, thin levels inside, width in bps,
     * distance of {@code from} from mid in bps, severity by width.
     */
    public record Vacuum(boolean bid, double from, double to, int thinLevels, double widthBps, double distanceBps,
            Severity severity) {
    }

    private Vacuums() {
    }

    /**
     * Appends to {@code out} at most {@code max} vacuums of one side within {@code maxDistanceBps} of mid,
     * nearest first. Severity: width below {@code mediumBps} low, below {@code highBps} medium, else high.
     */
    public static void find(OrderBook book, boolean bid, long thin, double mid, double maxDistanceBps,
            double minWidthBps, double mediumBps, double highBps, int max, List<Vacuum> out) {
        int n = book.levels(bid);
        if (n == 0 || thin <= 0 || max < 1 || !(mid > 0)) {
            return;
        }
        int found = 0;
        long from = book.priceAt(bid, 0);
        int thinCount = 0;
        long last = from;
        long limit = Walls.limit(bid, mid, maxDistanceBps);
        for (int i = 0; i < n; i++) {
            long p = book.priceAt(bid, i);
            if (bid ? p < limit : p > limit) {
                break;
            }
            last = p;
            if (book.qtyAt(bid, i) < thin) {
                thinCount++;
                continue;
            }
            if (keep(from, p, mid, minWidthBps) && (thinCount > 0 || i > 0)) {
                out.add(vacuum(bid, from, p, thinCount, mid, mediumBps, highBps));
                if (++found == max) {
                    return;
                }
            }
            from = p;
            thinCount = 0;
        }
        if (thinCount > 0 && keep(from, last, mid, minWidthBps)) {
            out.add(vacuum(bid, from, last, thinCount, mid, mediumBps, highBps));
        }
    }

    private static boolean keep(long from, long to, double mid, double minWidthBps) {
        return Math.abs(Decimals.toDouble(to) - Decimals.toDouble(from)) / mid * 1e4 >= minWidthBps;
    }

    private static Vacuum vacuum(boolean bid, long from, long to, int thin, double mid, double mediumBps,
            double highBps) {
        double f = Decimals.toDouble(from);
        double t = Decimals.toDouble(to);
        double width = Math.abs(t - f) / mid * 1e4;
        return new Vacuum(bid, f, t, thin, width, Math.abs(f - mid) / mid * 1e4, Severity.of(width, mediumBps, highBps));
    }
}
