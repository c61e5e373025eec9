package io.context8.metrics;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Flash-crash risk: three signals, each judged against a baseline kept as exponential moving averages on
 * exchange event time (time constant {@code baselineMs}, fed by {@link #sample}: the caller samples once per
 * second of event time, so the baseline depends on the events only, not on when reports are assembled):
 * <ol>
 *   <li>spread: spread &gt;= {@code spreadFactor} × its average and above the {@code spreadQuantile} quantile
 *       of the symbol's own sampled spreads (the last {@code spreadSamples} samples: a widening is judged by
 *       what is unusual for this symbol, not by an absolute number of bps that fits one tick size);</li>
 *   <li>thin book: a bid-side vacuum within the near band, or bid depth in the near band below
 *       {@code depthShrink} × its average;</li>
 *   <li>selling: net flow (buys − sells) is negative in both of the last two flow slices, at least
 *       {@code acceleration} × more negative in the newer one, whose sells are at least {@code sellShare} of its
 *       volume (negative and accelerating).</li>
 * </ol>
 * Severity by how many agree: 1 low, 2 medium, 3 high. Allocation-free except the evaluated anomaly.
 * Not thread-safe.
 */
public final class FlashCrashRisk {

    private static final double SCALE = 1e6;

    private final long baselineMs;
    private final double spreadFactor;
    private final double spreadQuantile;
    /** Sampled spreads in 1e-6 bps (scaled longs, so that a one-tick BTCUSDT spread of 0.0016 bps keeps digits). */
    private final RollingQuantiles spreads;
    private final double depthShrink;
    private final double sellShare;
    private final double acceleration;
    private double avgSpread = Double.NaN;
    private double avgDepth = Double.NaN;
    private long lastMs = Long.MIN_VALUE;

    public FlashCrashRisk(long baselineMs, double spreadFactor, double spreadQuantile, int spreadSamples,
            double depthShrink, double sellShare, double acceleration) {
        this.baselineMs = baselineMs;
        this.spreadFactor = spreadFactor;
        this.spreadQuantile = spreadQuantile;
        this.spreads = new RollingQuantiles(spreadSamples);
        this.depthShrink = depthShrink;
        this.sellShare = sellShare;
        this.acceleration = acceleration;
    }

    /**
     * Evaluates at exchange time {@code nowMs} against the baselines (which it does not change); O(spread
     * samples) for the quantile.
     *
     * @param spreadBps      current spread (NaN when unknown)
     * @param bidDepth       bid notional within the near band (NaN when unknown)
     * @param nearBidVacuum  a bid-side vacuum starts within the near band
     * @param buyQty         aggressive buy volume of the last slice
     * @param sellQty        aggressive sell volume of the last slice
     * @param prevBuyQty     aggressive buy volume of the slice before
     * @param prevSellQty    aggressive sell volume of the slice before
     * @return the anomaly, or null when no signal fires
     */
    public Anomaly evaluate(long nowMs, double spreadBps, double bidDepth, boolean nearBidVacuum, double buyQty,
            double sellQty, double prevBuyQty, double prevSellQty) {
        long q = spreads.quantile(spreadQuantile);
        double usualMax = q == Long.MIN_VALUE ? Double.NaN : q / SCALE;
        boolean spread = Double.isFinite(spreadBps) && Double.isFinite(avgSpread) && Double.isFinite(usualMax)
                && spreadBps > usualMax && spreadBps >= spreadFactor * avgSpread;
        boolean depthShrunk = Double.isFinite(bidDepth) && Double.isFinite(avgDepth) && avgDepth > 0
                && bidDepth < depthShrink * avgDepth;
        boolean thin = nearBidVacuum || depthShrunk;
        double volume = buyQty + sellQty;
        double net = buyQty - sellQty;
        double prevNet = prevBuyQty - prevSellQty;
        boolean selling = net < 0 && prevNet < 0 && net <= acceleration * prevNet && sellQty / volume >= sellShare;
        Map<String, Object> ev = null;
        int signals = (spread ? 1 : 0) + (thin ? 1 : 0) + (selling ? 1 : 0);
        Anomaly a = null;
        if (signals > 0) {
            ev = new LinkedHashMap<>();
            ev.put("signals", signals);
            ev.put("spread_widening", spread);
            ev.put("spread_bps", finiteOr(spreadBps));
            ev.put("avg_spread_bps", finiteOr(avgSpread));
            ev.put("spread_quantile_bps", finiteOr(usualMax));
            ev.put("thin_book", thin);
            ev.put("near_bid_vacuum", nearBidVacuum);
            ev.put("bid_depth_near", finiteOr(bidDepth));
            ev.put("avg_bid_depth_near", finiteOr(avgDepth));
            ev.put("accelerating_selling", selling);
            ev.put("sell_qty", sellQty);
            ev.put("buy_qty", buyQty);
            ev.put("prev_buy_qty", prevBuyQty);
            ev.put("prev_sell_qty", prevSellQty);
            String note = String.format(Locale.ROOT, "%d of 3 crash signals: %s%s%s", signals,
                    spread ? "spread widened to " + fmt(spreadBps) + " bps (avg " + fmt(avgSpread) + "); " : "",
                    thin ? (nearBidVacuum ? "bid-side vacuum near mid; " : "bid depth shrank below average; ") : "",
                    selling ? "net selling accelerating (" + fmt(net) + " after " + fmt(prevNet) + ")" : "");
            a = new Anomaly("flash_crash_risk", signals == 3 ? Severity.HIGH : signals == 2 ? Severity.MEDIUM
                    : Severity.LOW, note.endsWith("; ") ? note.substring(0, note.length() - 2) : note, ev);
        }
        return a;
    }

    /**
     * Folds one observation (spread, near bid depth; NaN = unknown) at event time {@code nowMs} into the baselines
     * and the spread samples. O(1).
     */
    public void sample(long nowMs, double spreadBps, double bidDepth) {
        double alpha = lastMs == Long.MIN_VALUE ? 1 : 1 - Math.exp(-Math.max(0, nowMs - lastMs) / (double) baselineMs);
        if (nowMs > lastMs) {
            lastMs = nowMs;
        }
        if (Double.isFinite(spreadBps) && spreadBps >= 0) {
            spreads.add(Math.round(spreadBps * SCALE));
            avgSpread = Double.isFinite(avgSpread) ? avgSpread + alpha * (spreadBps - avgSpread) : spreadBps;
        }
        if (Double.isFinite(bidDepth)) {
            avgDepth = Double.isFinite(avgDepth) ? avgDepth + alpha * (bidDepth - avgDepth) : bidDepth;
        }
    }

    private static Object finiteOr(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
