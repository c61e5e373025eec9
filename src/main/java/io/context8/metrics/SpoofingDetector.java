package io.context8.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.context8.book.Decimals;

/**
 * Spoofing candidates: large orders far from mid that are placed and then removed without trades at their price.
 * Binance's public book has no order ids, so a level that grows by at least the threshold at least
 * {@code minDistanceBps} from mid is a large placement, and the same level shrinking by at least the threshold
 * within {@code maxLifetimeMs} of that placement, with no trade at its price within {@code tradeLookbackMs},
 * counts as one large placed-and-pulled order. (Counting every large far cancel fires constantly on a normal
 * BTCUSDT book: market makers move their ladders all the time; the short lifetime is what marks spoofing.)
 * The anomaly reports the pulls of the last {@code windowMs}: low from {@code minCount}, medium from
 * {@code mediumCount}, high from {@code highCount}. Per level change O(placement slots); O(recent trades) only
 * for a qualifying pull; primitive arrays, allocation-free except the evaluated anomaly. Not thread-safe.
 */
public final class SpoofingDetector {

    private final long windowMs;
    private final double minDistanceBps;
    private final long tradeLookbackMs;
    private final long maxLifetimeMs;
    private final int minCount;
    private final int mediumCount;
    private final int highCount;

    // large cancels: time, side, price, removed qty, distance
    private final long[] cTime;
    private final boolean[] cBid;
    private final long[] cQty;
    private final double[] cDist;
    private int cHead;
    private int cSize;

    // recent trade prices
    private final long[] tTime;
    private final long[] tPrice;
    private int tNext;
    private int tSize;

    // large far placements not yet pulled: side, price, time
    private final boolean[] pBid = new boolean[64];
    private final long[] pPrice = new long[64];
    private final long[] pTime = new long[64];
    private final boolean[] pUsed = new boolean[64];

    public SpoofingDetector(long windowMs, double minDistanceBps, long tradeLookbackMs, long maxLifetimeMs,
            int minCount, int mediumCount, int highCount) {
        this.windowMs = windowMs;
        this.maxLifetimeMs = maxLifetimeMs;
        this.minDistanceBps = minDistanceBps;
        this.tradeLookbackMs = tradeLookbackMs;
        this.minCount = minCount;
        this.mediumCount = mediumCount;
        this.highCount = highCount;
        int cap = Math.max(16, highCount * 4);
        cTime = new long[cap];
        cBid = new boolean[cap];
        cQty = new long[cap];
        cDist = new double[cap];
        tTime = new long[1024];
        tPrice = new long[1024];
    }

    /** Remembers a trade's price (for the no-print check). */
    public void onTrade(long timeMs, long price) {
        tTime[tNext] = timeMs;
        tPrice[tNext] = price;
        tNext = (tNext + 1) % tTime.length;
        tSize = Math.min(tSize + 1, tTime.length);
    }

    /**
     * A level change of a synced book. A growth by at least {@code threshold} far from mid is remembered as a
     * placement; a shrink by at least {@code threshold} of a level placed within the lifetime, far from mid and
     * with no recent print at its price, counts as a pull. Returns whether it counted a pull.
     */
    public boolean onLevel(boolean bid, long price, long oldQty, long newQty, long timeMs, double mid, long threshold) {
        if (threshold <= 0 || !(mid > 0) || Math.abs(newQty - oldQty) < threshold) {
            return false;
        }
        double dist = Math.abs(Decimals.toDouble(price) - mid) / mid * 1e4;
        if (dist < minDistanceBps) {
            return false;
        }
        int slot = placement(bid, price);
        if (newQty > oldQty) {
            remember(slot, bid, price, timeMs);
            return false;
        }
        long removed = oldQty - newQty;
        if (slot < 0 || timeMs - pTime[slot] > maxLifetimeMs) {
            return false; // a long-resting order, or one placed before we were watching
        }
        pUsed[slot] = false;
        if (tradedAt(price, timeMs)) {
            return false;
        }
        if (cSize == cTime.length) { // full: drop the oldest
            cHead = (cHead + 1) % cTime.length;
            cSize--;
        }
        int idx = (cHead + cSize) % cTime.length;
        cTime[idx] = timeMs;
        cBid[idx] = bid;
        cQty[idx] = removed;
        cDist[idx] = dist;
        cSize++;
        return true;
    }

    private int placement(boolean bid, long price) {
        for (int i = 0; i < pUsed.length; i++) {
            if (pUsed[i] && pPrice[i] == price && pBid[i] == bid) {
                return i;
            }
        }
        return -1;
    }

    /** Remembers a placement in its slot, a free one, or the oldest one. */
    private void remember(int slot, boolean bid, long price, long timeMs) {
        int s = slot;
        if (s < 0) {
            s = 0;
            for (int i = 0; i < pUsed.length; i++) {
                if (!pUsed[i]) {
                    s = i;
                    break;
                }
                if (pTime[i] < pTime[s]) {
                    s = i;
                }
            }
        }
        pUsed[s] = true;
        pBid[s] = bid;
        pPrice[s] = price;
        pTime[s] = timeMs;
    }

    private boolean tradedAt(long price, long timeMs) {
        for (int k = 1; k <= tSize; k++) {
            int idx = (tNext - k + tTime.length) % tTime.length;
            if (tTime[idx] < timeMs - tradeLookbackMs) {
                return false;
            }
            if (tPrice[idx] == price) {
                return true;
            }
        }
        return false;
    }

    /** The anomaly for the window ending at {@code nowMs} (exchange time), or null below {@code minCount}. */
    public Anomaly evaluate(long nowMs) {
        while (cSize > 0 && cTime[cHead] <= nowMs - windowMs) {
            cHead = (cHead + 1) % cTime.length;
            cSize--;
        }
        if (cSize < minCount) {
            return null;
        }
        long maxQty = 0;
        double sumQty = 0;
        double sumDist = 0;
        int bids = 0;
        for (int i = 0; i < cSize; i++) {
            int idx = (cHead + i) % cTime.length;
            maxQty = Math.max(maxQty, cQty[idx]);
            sumQty += Decimals.toDouble(cQty[idx]);
            sumDist += cDist[idx];
            bids += cBid[idx] ? 1 : 0;
        }
        Severity sev = Severity.of(cSize, mediumCount, highCount);
        double perMin = cSize / (windowMs / 60_000.0);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("cancels", cSize);
        ev.put("window_s", windowMs / 1000.0);
        ev.put("rate_per_min", perMin);
        ev.put("mean_qty", sumQty / cSize);
        ev.put("max_qty", Decimals.toDouble(maxQty));
        ev.put("mean_distance_bps", sumDist / cSize);
        ev.put("bid_cancels", bids);
        ev.put("ask_cancels", cSize - bids);
        String note = String.format(Locale.ROOT,
                "%d large orders (mean %.4g) placed %.1f bps from mid on average were pulled within seconds, "
                        + "without trades at their price, in the last %.0f s",
                cSize, sumQty / cSize, sumDist / cSize, windowMs / 1000.0);
        return new Anomaly("spoofing", sev, note, ev);
    }
}
