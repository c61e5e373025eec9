package io.context8.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.context8.book.Decimals;

/**
 * Spoofing candidates: large orders away from the touch that are placed and then removed without trades at their
 * price, again and again, on one side. Binance's public book has no order ids, so every threshold is relative to
 * the symbol's own book (scale-free, per symbol): a level that grows by at least {@code threshold} (the caller's
 * size from the symbol's rolling level-size quantiles) is a large placement; the same level shrinking by at
 * least {@code threshold} within {@code maxLifetimeMs} of it, at least {@code minDistanceSpreads} × the symbol's
 * own typical spread from mid, with no trade at its price within {@code tradeLookbackMs}, is a pull.
 * <p>A <b>re-quote</b> is not a pull: when a large order of about the same size (within {@code sizeTolerance} of
 * the larger) appears on the same side at another price within {@code requoteMs} before or after the pull, the
 * order moved (a market maker re-quoting its ladder). A pull only counts once {@code requoteMs} have passed
 * without such a re-placement.
 * <p>Severity needs agreeing evidence: low from {@code minCount} pulls in {@code windowMs}; medium from
 * {@code mediumCount} and high from {@code highCount}, each only when the pattern persisted (first to last pull
 * at least {@code minDurationMs} apart) and is one-sided (the dominant side has at least {@code sideShare} of
 * the pulls: spoofing leans on one side of the book). Per level change O(placement slots + pull ring); O(recent
 * trades) only for a qualifying pull; primitive arrays, allocation-free except the evaluated anomaly.
 * Not thread-safe.
 */
public final class SpoofingDetector {

    private static final int PULLS = 256;
    private static final int SLOTS = 64;

    private final long windowMs;
    private final double minDistanceSpreads;
    private final long tradeLookbackMs;
    private final long maxLifetimeMs;
    private final long requoteMs;
    private final double sizeTolerance;
    private final long minDurationMs;
    private final double sideShare;
    private final int minCount;
    private final int mediumCount;
    private final int highCount;

    // pulls (real and re-quoted): time, side, price, removed qty, distance in bps and in spreads, size ratio
    private final long[] cTime = new long[PULLS];
    private final boolean[] cBid = new boolean[PULLS];
    private final long[] cPrice = new long[PULLS];
    private final long[] cQty = new long[PULLS];
    private final double[] cDist = new double[PULLS];
    private final double[] cSpreads = new double[PULLS];
    private final double[] cSize = new double[PULLS];
    private final boolean[] cRequote = new boolean[PULLS];
    private int cHead;
    private int cSize0;
    /** The size threshold (scaled) and typical spread (bps) of the newest large change, for the evidence. */
    private long lastThreshold;
    private double lastSpreadBps = Double.NaN;

    // recent trade prices
    private final long[] tTime = new long[1024];
    private final long[] tPrice = new long[1024];
    private int tNext;
    private int tSize;

    // large placements (any distance) not yet pulled: side, price, time, added qty
    private final boolean[] pBid = new boolean[SLOTS];
    private final long[] pPrice = new long[SLOTS];
    private final long[] pTime = new long[SLOTS];
    private final long[] pQty = new long[SLOTS];
    private final boolean[] pUsed = new boolean[SLOTS];

    /**
     * @param windowMs           pulls are counted over this window (event time)
     * @param minDistanceSpreads a pull counts only this many typical spreads or more from mid
     * @param tradeLookbackMs    a trade at the price within this time means the level was filled, not pulled
     * @param maxLifetimeMs      a placement pulled later than this rested: not counted
     * @param requoteMs          a same-size placement at another price within this time of a pull: a re-quote
     * @param sizeTolerance      "same size": |a − b| &lt;= tolerance × max(a, b)
     * @param minDurationMs      medium and high need the first and last pull at least this far apart
     * @param sideShare          medium and high need this share of the pulls on one side
     */
    public SpoofingDetector(long windowMs, double minDistanceSpreads, long tradeLookbackMs, long maxLifetimeMs,
            long requoteMs, double sizeTolerance, long minDurationMs, double sideShare, int minCount,
            int mediumCount, int highCount) {
        this.windowMs = windowMs;
        this.minDistanceSpreads = minDistanceSpreads;
        this.tradeLookbackMs = tradeLookbackMs;
        this.maxLifetimeMs = maxLifetimeMs;
        this.requoteMs = requoteMs;
        this.sizeTolerance = sizeTolerance;
        this.minDurationMs = minDurationMs;
        this.sideShare = sideShare;
        this.minCount = minCount;
        this.mediumCount = mediumCount;
        this.highCount = highCount;
    }

    /** Remembers a trade's price (for the no-print check). */
    public void onTrade(long timeMs, long price) {
        tTime[tNext] = timeMs;
        tPrice[tNext] = price;
        tNext = (tNext + 1) % tTime.length;
        tSize = Math.min(tSize + 1, tTime.length);
    }

    /**
     * A level change of a synced book at event time {@code timeMs}. {@code mid}: mid before the diff;
     * {@code spreadBps}: the symbol's typical spread (the caller's rolling median), the unit of distance;
     * {@code threshold}: the symbol's large-order size (scaled). Returns whether it recorded a pull (which may
     * still turn out to be a re-quote).
     */
    public boolean onLevel(boolean bid, long price, long oldQty, long newQty, long timeMs, double mid,
            double spreadBps, long threshold) {
        if (threshold <= 0 || !(mid > 0) || !(spreadBps > 0) || Math.abs(newQty - oldQty) < threshold) {
            return false;
        }
        lastThreshold = threshold;
        lastSpreadBps = spreadBps;
        int slot = placement(bid, price);
        if (newQty > oldQty) {
            long added = newQty - oldQty;
            remember(slot, bid, price, timeMs, added);
            markRequotes(bid, price, added, timeMs);
            return false;
        }
        long removed = oldQty - newQty;
        if (slot < 0 || timeMs - pTime[slot] > maxLifetimeMs) {
            return false; // a long-resting order, or one placed before we were watching
        }
        pUsed[slot] = false;
        double dist = Math.abs(Decimals.toDouble(price) - mid) / mid * 1e4;
        double spreads = dist / spreadBps;
        if (spreads < minDistanceSpreads || tradedAt(price, timeMs)) {
            return false;
        }
        boolean requote = placedElsewhere(bid, price, removed, timeMs);
        if (cSize0 == PULLS) { // full: drop the oldest
            cHead = (cHead + 1) % PULLS;
            cSize0--;
        }
        int idx = (cHead + cSize0) % PULLS;
        cTime[idx] = timeMs;
        cBid[idx] = bid;
        cPrice[idx] = price;
        cQty[idx] = removed;
        cDist[idx] = dist;
        cSpreads[idx] = spreads;
        cSize[idx] = (double) removed / threshold;
        cRequote[idx] = requote;
        cSize0++;
        return true;
    }

    private boolean sameSize(long a, long b) {
        return Math.abs(a - b) <= sizeTolerance * Math.max(a, b);
    }

    /** A large placement of about {@code qty} on the side at another price within the re-quote time before. */
    private boolean placedElsewhere(boolean bid, long price, long qty, long timeMs) {
        for (int i = 0; i < SLOTS; i++) {
            if (pUsed[i] && pBid[i] == bid && pPrice[i] != price && timeMs - pTime[i] <= requoteMs
                    && sameSize(pQty[i], qty)) {
                return true;
            }
        }
        return false;
    }

    /** A new placement re-quotes the recent same-side, same-size pulls at other prices. */
    private void markRequotes(boolean bid, long price, long qty, long timeMs) {
        for (int k = cSize0 - 1; k >= 0; k--) {
            int idx = (cHead + k) % PULLS;
            if (timeMs - cTime[idx] > requoteMs) {
                return;
            }
            if (!cRequote[idx] && cBid[idx] == bid && cPrice[idx] != price && sameSize(cQty[idx], qty)) {
                cRequote[idx] = true;
                return;
            }
        }
    }

    private int placement(boolean bid, long price) {
        for (int i = 0; i < SLOTS; i++) {
            if (pUsed[i] && pPrice[i] == price && pBid[i] == bid) {
                return i;
            }
        }
        return -1;
    }

    /** Remembers a placement in its slot, a free one, or the oldest one. */
    private void remember(int slot, boolean bid, long price, long timeMs, long qty) {
        int s = slot;
        if (s < 0) {
            s = 0;
            for (int i = 0; i < SLOTS; i++) {
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
        pQty[s] = qty;
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

    /**
     * The anomaly for the window ending at {@code nowMs} (exchange time), or null below {@code minCount}
     * confirmed pulls (older than the re-quote time and not re-quoted).
     */
    public Anomaly evaluate(long nowMs) {
        while (cSize0 > 0 && cTime[cHead] <= nowMs - windowMs) {
            cHead = (cHead + 1) % PULLS;
            cSize0--;
        }
        int count = 0;
        int requotes = 0;
        int bids = 0;
        long maxQty = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        double sumQty = 0;
        double sumDist = 0;
        double sumSpreads = 0;
        double sumSize = 0;
        for (int i = 0; i < cSize0; i++) {
            int idx = (cHead + i) % PULLS;
            if (cRequote[idx]) {
                requotes++;
                continue;
            }
            if (cTime[idx] > nowMs - requoteMs) {
                continue; // not confirmed yet: a re-placement may still follow
            }
            count++;
            maxQty = Math.max(maxQty, cQty[idx]);
            first = Math.min(first, cTime[idx]);
            last = Math.max(last, cTime[idx]);
            sumQty += Decimals.toDouble(cQty[idx]);
            sumDist += cDist[idx];
            sumSpreads += cSpreads[idx];
            sumSize += cSize[idx];
            bids += cBid[idx] ? 1 : 0;
        }
        if (count < minCount) {
            return null;
        }
        long durationMs = last - first;
        double dominant = Math.max(bids, count - bids) / (double) count;
        boolean persisted = durationMs >= minDurationMs;
        boolean oneSided = dominant >= sideShare;
        Severity sev = !persisted || !oneSided ? Severity.LOW : Severity.of(count, mediumCount, highCount);
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("cancels", count);
        ev.put("requotes", requotes);
        ev.put("window_s", windowMs / 1000.0);
        ev.put("rate_per_min", count / (windowMs / 60_000.0));
        ev.put("duration_s", durationMs / 1000.0);
        ev.put("persisted", persisted);
        ev.put("mean_qty", sumQty / count);
        ev.put("max_qty", Decimals.toDouble(maxQty));
        ev.put("size_threshold_qty", Decimals.toDouble(lastThreshold));
        ev.put("mean_size_to_threshold", sumSize / count);
        ev.put("typical_spread_bps", lastSpreadBps);
        ev.put("mean_distance_bps", sumDist / count);
        ev.put("mean_distance_spreads", sumSpreads / count);
        ev.put("bid_cancels", bids);
        ev.put("ask_cancels", count - bids);
        ev.put("dominant_side_share", dominant);
        ev.put("one_sided", oneSided);
        String note = String.format(Locale.ROOT,
                "%d large orders (mean %.4g, %.1fx the size threshold) placed %.1f spreads (%.1f bps) from mid on "
                        + "average were pulled within seconds, without trades at their price and without being "
                        + "re-placed elsewhere, over %.0f s of the last %.0f s (%.0f %% on one side; %d re-quotes "
                        + "not counted)",
                count, sumQty / count, sumSize / count, sumSpreads / count, sumDist / count, durationMs / 1000.0,
                windowMs / 1000.0, 100 * dominant, requotes);
        return new Anomaly("spoofing", sev, note, ev);
    }
}
