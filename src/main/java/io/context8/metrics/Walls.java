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
        long limit = limit(bid, mid, maxDistanceBps);
        for (int i = 0, n = book.levels(bid); i < n; i++) {
            long p = book.priceAt(bid, i);
            if (bid ? p < limit : p > limit) {
                break;
            }
            long q = book.qtyAt(bid, i);
            if (q < threshold) {
                continue;
            }
            double price = Decimals.toDouble(p);
            double dist = Math.abs(price - mid) / mid * 1e4;
            double ratio = (double) q / threshold;
            Wall w = new Wall(bid, price, Decimals.toDouble(q), dist, ratio, Severity.of(ratio, mediumRatio, highRatio));
            insertBySize(out, start, max, w);
        }
    }

    /**
     * The farthest scaled price of a side within {@code bps} of {@code mid} (rounded outward by one unit, so the
     * per-level check is a long comparison; a level exactly at the limit is inside).
     */
    static long limit(boolean bid, double mid, double bps) {
        double edge = mid * (bid ? 1 - bps / 1e4 : 1 + bps / 1e4) * Decimals.ONE;
        return bid ? (long) Math.floor(edge) : (long) Math.ceil(edge);
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
