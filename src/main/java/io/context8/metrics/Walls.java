package io.context8.metrics;

import java.util.List;

import io.context8.book.Decimals;
import io.context8.book.OrderBook;

/**
 * Liquidity walls: levels whose quantity is at least {@code threshold = max(P95 × factor, minimum)}, where P95
 * is taken over a rolling window of observed level quantities ({@link RollingQuantiles}). Pure function of a
 * book snapshot; O(levels within the distance limit); allocates one small record per wall found.
 */
public final class Walls {

    /** One wall: side, price, quantity, distance from mid in bps, severity by {@code qty / threshold}. */
    public record Wall(boolean bid, double price, double qty, double distanceBps, double ratio, Severity severity) {
    }

    private Walls() {
    }

    /** Threshold = max(p95 × factor, minimum), scaled; just {@code minimum} when no quantity was observed. */
    public static long threshold(long p95, double factor, long minimum) {
        if (p95 == Long.MIN_VALUE) {
            return minimum;
        }
        return Math.max((long) Math.ceil(p95 * factor), minimum);
    }

    /**
     * Appends to {@code out} the {@code max} largest levels of one side with qty &gt;= {@code threshold} and
     * price within {@code maxDistanceBps} of {@code mid}, largest first. Severity: {@code qty / threshold}
     * below {@code mediumRatio} is low, below {@code highRatio} medium, else high. A threshold &lt;= 0 finds
     * nothing (every level would be a wall).
     */
    public static void find(OrderBook book, boolean bid, long threshold, double mid, double maxDistanceBps, int max,
            double mediumRatio, double highRatio, List<Wall> out) {
        if (threshold <= 0 || max < 1 || !(mid > 0)) {
            return;
        }
        int start = out.size();
        for (int i = 0, n = book.levels(bid); i < n; i++) {
            double price = Decimals.toDouble(book.priceAt(bid, i));
            double dist = Math.abs(price - mid) / mid * 1e4;
            if (dist > maxDistanceBps) {
                break;
            }
            long q = book.qtyAt(bid, i);
            if (q < threshold) {
                continue;
            }
            double ratio = (double) q / threshold;
            Wall w = new Wall(bid, price, Decimals.toDouble(q), dist, ratio, Severity.of(ratio, mediumRatio, highRatio));
            insertBySize(out, start, max, w);
        }
    }

    private static void insertBySize(List<Wall> out, int start, int max, Wall w) {
        int pos = out.size();
        while (pos > start && out.get(pos - 1).qty() < w.qty()) {
            pos--;
        }
        if (pos - start >= max) {
            return;
        }
        out.add(pos, w);
        if (out.size() - start > max) {
            out.remove(out.size() - 1);
        }
    }
}
