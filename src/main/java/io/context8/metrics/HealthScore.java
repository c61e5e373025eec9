package io.context8.metrics;

import java.util.List;

/**
 * Market health 0-100 = 0.20 spread + 0.25 depth + 0.15 balance + 0.15 flow + 0.15 anomalies + 0.10 freshness,
 * each component normalized to 0-100 by the functions below (docs/metrics.md). A component that cannot be
 * computed (NaN: no book, no trade ever) scores 0 in the sum and is reported as null; {@link #overall} makes the
 * score itself null without any market data and caps it while ingestion is down. A component that is left out
 * (its report section was not computed: a user removed its step) is not scored at all: the weights of the others
 * are re-scaled to sum to 1 ({@link #score(double[], boolean[], double[])}). Pure functions.
 */
public final class HealthScore {

    public static final double W_SPREAD = 0.20;
    public static final double W_DEPTH = 0.25;
    public static final double W_BALANCE = 0.15;
    public static final double W_FLOW = 0.15;
    public static final double W_ANOMALIES = 0.15;
    public static final double W_FRESHNESS = 0.10;

    /** Component names in weight order, as in the report's {@code health.components}. */
    public static final java.util.List<String> COMPONENTS =
            java.util.List.of("spread", "depth", "balance", "flow", "anomalies", "freshness");
    private static final double[] WEIGHTS = {W_SPREAD, W_DEPTH, W_BALANCE, W_FLOW, W_ANOMALIES, W_FRESHNESS};

    private HealthScore() {
    }

    /** 100 at or below {@code goodBps}, 0 at or above {@code badBps} or when crossed (negative), linear between. */
    public static double spread(double spreadBps, double goodBps, double badBps) {
        if (!Double.isFinite(spreadBps)) {
            return Double.NaN;
        }
        if (spreadBps < 0) {
            return 0;
        }
        return 100 * clamp((badBps - spreadBps) / (badBps - goodBps));
    }

    /** 100 × min(1, min(bid, ask notional within the band) / target). */
    public static double depth(double bidNotional, double askNotional, double target) {
        if (!Double.isFinite(bidNotional) || !Double.isFinite(askNotional)) {
            return Double.NaN;
        }
        return 100 * clamp(Math.min(bidNotional, askNotional) / target);
    }

    /** 100 × (1 − |imbalance|). */
    public static double balance(double imbalance) {
        return Double.isFinite(imbalance) ? 100 * (1 - Math.min(1, Math.abs(imbalance))) : Double.NaN;
    }

    /** 100 × (1 − |buy − sell| / (buy + sell)) over the flow window; 100 when nothing traded in it. */
    public static double flow(double buyQty, double sellQty) {
        if (!Double.isFinite(buyQty) || !Double.isFinite(sellQty)) {
            return Double.NaN;
        }
        double v = buyQty + sellQty;
        return v <= 0 ? 100 : 100 * (1 - Math.abs(buyQty - sellQty) / v);
    }

    /** 100 − 10 per low, 30 per medium, 60 per high anomaly, at least 0. */
    public static double anomalies(List<Anomaly> anomalies) {
        double s = 100;
        for (int i = 0; i < anomalies.size(); i++) {
            s -= switch (anomalies.get(i).severity()) {
                case LOW -> 10;
                case MEDIUM -> 30;
                case HIGH -> 60;
            };
        }
        return Math.max(0, s);
    }

    /** 100 at or below {@code freshMs}, 0 at or above {@code downMs}, linear between; NaN without data (age < 0). */
    public static double freshness(long ageMs, long freshMs, long downMs) {
        if (ageMs < 0) {
            return Double.NaN;
        }
        if (ageMs <= freshMs) {
            return 100;
        }
        return 100 * clamp((double) (downMs - ageMs) / (downMs - freshMs));
    }

    /** Highest score of a symbol whose ingestion is {@code down}: a feed that is down is not a healthy market. */
    public static final double DOWN_CAP = 25;
    /** {@code health.reason} when the score is null. */
    public static final String NO_DATA_REASON = "no market data received for this symbol yet";
    /** {@code health.reason} when the score was capped. */
    public static final String DOWN_REASON = "ingestion is down: score capped at 25";

    /**
     * The reported score: NaN (null) when no market data was ever received (nothing to score), at most
     * {@link #DOWN_CAP} while ingestion is down, else the weighted sum.
     */
    public static double overall(double weightedSum, boolean noData, boolean ingestionDown) {
        if (noData) {
            return Double.NaN;
        }
        return ingestionDown ? Math.min(weightedSum, DOWN_CAP) : weightedSum;
    }

    /** The weighted sum, NaN components counting 0. */
    public static double score(double spread, double depth, double balance, double flow, double anomalies,
            double freshness) {
        return W_SPREAD * z(spread) + W_DEPTH * z(depth) + W_BALANCE * z(balance) + W_FLOW * z(flow)
                + W_ANOMALIES * z(anomalies) + W_FRESHNESS * z(freshness);
    }

    /**
     * The weighted sum over the components that are {@code present} (in {@link #COMPONENTS} order), each weight
     * divided by the sum of the present ones; the weights used go to {@code weightsOut} (0 for a component left
     * out). NaN components that are present count 0, as in {@link #score(double, double, double, double, double,
     * double)}, which equals this with every component present. NaN when none is present.
     */
    public static double score(double[] components, boolean[] present, double[] weightsOut) {
        double total = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            total += present[i] ? WEIGHTS[i] : 0;
        }
        if (total <= 0) {
            java.util.Arrays.fill(weightsOut, 0, WEIGHTS.length, 0);
            return Double.NaN;
        }
        boolean all = total > 1 - 1e-12;
        double sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            double w = !present[i] ? 0 : all ? WEIGHTS[i] : WEIGHTS[i] / total;
            weightsOut[i] = w;
            sum += w * z(components[i]);
        }
        return all ? score(components[0], components[1], components[2], components[3], components[4],
                components[5]) : sum;
    }

    private static double z(double v) {
        return Double.isFinite(v) ? v : 0;
    }

    private static double clamp(double v) {
        return v < 0 ? 0 : v > 1 ? 1 : v;
    }
}
