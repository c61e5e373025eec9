package io.context8.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.context8.book.Decimals;

/**
 * Iceberg candidates: repeated fills at one price while the visible quantity there is refilled or stays level.
 * A fixed table of {@code slots} (side, price) episodes: a trade at a price opens or extends the episode of the
 * resting side it hit (an aggressive buy hits the asks), adding one fill and its quantity; a level change at
 * a tracked price updates the visible quantity (an increase counts as a refill). An episode ends after
 * {@code windowMs} without a fill. It is reported when it has at least {@code minFills} fills, the level is
 * still visible, and executed / max visible &gt;= {@code minRatio} (more was traded there than was ever shown);
 * severity needs agreeing evidence, the ratio and the persistence of the refilling: medium from
 * {@code mediumRatio} with at least {@code mediumFills} fills, high from {@code highRatio} with at least
 * {@code highFills} fills (the weaker of the two decides), and both only when the fills span at least
 * {@code minDurationMs} (one market order sweeping many small resting orders at one price in milliseconds is
 * not an order being refilled). Ratios, counts and times only: scale-free. O(slots) per trade
 * or level change, allocation-free except the evaluated anomalies. Not thread-safe.
 */
public final class IcebergDetector {

    private final long windowMs;
    private final int minFills;
    private final double minRatio;
    private final double mediumRatio;
    private final double highRatio;
    private final int mediumFills;
    private final int highFills;
    private final long minDurationMs;

    private final boolean[] bid;
    private final long[] price;
    private final long[] firstFill;
    private final long[] lastFill;
    private final int[] fills;
    private final int[] refills;
    private final long[] executed;
    private final long[] visible;
    private final long[] maxVisible;
    private final boolean[] used;

    public IcebergDetector(long windowMs, int minFills, double minRatio, double mediumRatio, double highRatio,
            int mediumFills, int highFills, long minDurationMs, int slots) {
        this.minDurationMs = minDurationMs;
        this.mediumFills = mediumFills;
        this.highFills = highFills;
        this.windowMs = windowMs;
        this.minFills = minFills;
        this.minRatio = minRatio;
        this.mediumRatio = mediumRatio;
        this.highRatio = highRatio;
        bid = new boolean[slots];
        price = new long[slots];
        firstFill = new long[slots];
        lastFill = new long[slots];
        fills = new int[slots];
        refills = new int[slots];
        executed = new long[slots];
        visible = new long[slots];
        maxVisible = new long[slots];
        used = new boolean[slots];
    }

    /**
     * A trade at {@code px} of {@code qty} (scaled) at {@code timeMs}; {@code aggressorBuy} = the buyer took
     * liquidity (so the resting side is the asks); {@code visibleQty} = quantity the book shows at that price
     * on the resting side now (0 when absent).
     */
    public void onTrade(long timeMs, long px, long qty, boolean aggressorBuy, long visibleQty) {
        boolean restingBid = !aggressorBuy;
        int s = find(restingBid, px);
        if (s < 0 || timeMs - lastFill[s] > windowMs) {
            s = s < 0 ? victim() : s;
            used[s] = true;
            bid[s] = restingBid;
            price[s] = px;
            firstFill[s] = timeMs;
            fills[s] = 0;
            refills[s] = 0;
            executed[s] = 0;
            maxVisible[s] = visibleQty;
            visible[s] = visibleQty;
        }
        lastFill[s] = Math.max(lastFill[s], timeMs);
        fills[s]++;
        executed[s] += qty;
        if (visibleQty > maxVisible[s]) {
            maxVisible[s] = visibleQty;
        }
    }

    /** A level change of a synced book. */
    public void onLevel(boolean isBid, long px, long oldQty, long newQty) {
        int s = find(isBid, px);
        if (s < 0) {
            return;
        }
        if (newQty > oldQty) {
            refills[s]++;
        }
        visible[s] = newQty;
        if (newQty > maxVisible[s]) {
            maxVisible[s] = newQty;
        }
    }

    /** Appends the episodes that qualify at {@code nowMs} (exchange time), strongest first, at most {@code max}. */
    public void evaluate(long nowMs, int max, List<Anomaly> out) {
        int start = out.size();
        for (int s = 0; s < used.length; s++) {
            if (!used[s] || nowMs - lastFill[s] > windowMs || fills[s] < minFills || visible[s] <= 0) {
                continue;
            }
            double ratio = (double) executed[s] / Math.max(1, maxVisible[s]);
            if (ratio < minRatio) {
                continue;
            }
            Anomaly a = anomaly(s, ratio);
            int pos = out.size();
            while (pos > start && ((Number) out.get(pos - 1).evidence().get("executed_to_visible")).doubleValue() < ratio) {
                pos--;
            }
            out.add(pos, a);
            if (out.size() - start > max) {
                out.remove(out.size() - 1);
            }
        }
    }

    private Anomaly anomaly(int s, double ratio) {
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("side", bid[s] ? "bid" : "ask");
        ev.put("price", Decimals.toDouble(price[s]));
        ev.put("fills", fills[s]);
        ev.put("executed_qty", Decimals.toDouble(executed[s]));
        ev.put("visible_qty", Decimals.toDouble(visible[s]));
        ev.put("max_visible_qty", Decimals.toDouble(maxVisible[s]));
        ev.put("executed_to_visible", ratio);
        ev.put("refills", refills[s]);
        ev.put("duration_s", (lastFill[s] - firstFill[s]) / 1000.0);
        ev.put("persisted", lastFill[s] - firstFill[s] >= minDurationMs);
        String note = String.format(Locale.ROOT,
                "%d fills executed %.4g at %s %s while at most %.4g was ever visible there (%.1fx): hidden size is "
                        + "being refilled",
                fills[s], Decimals.toDouble(executed[s]), bid[s] ? "bid" : "ask",
                Decimals.toPlainString(price[s]), Decimals.toDouble(maxVisible[s]), ratio);
        Severity byRatio = Severity.of(ratio, mediumRatio, highRatio);
        Severity byFills = Severity.of(fills[s], mediumFills, highFills);
        Severity sev = lastFill[s] - firstFill[s] < minDurationMs ? Severity.LOW
                : byRatio.compareTo(byFills) <= 0 ? byRatio : byFills;
        return new Anomaly("iceberg", sev, note, ev);
    }

    private int find(boolean isBid, long px) {
        for (int s = 0; s < used.length; s++) {
            if (used[s] && price[s] == px && bid[s] == isBid) {
                return s;
            }
        }
        return -1;
    }

    /** A free slot, else the one with the oldest last fill. */
    private int victim() {
        int v = 0;
        for (int s = 0; s < used.length; s++) {
            if (!used[s]) {
                return s;
            }
            if (lastFill[s] < lastFill[v]) {
                v = s;
            }
        }
        return v;
    }
}
