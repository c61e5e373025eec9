package io.context8.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.context8.redis.StreamEntry;

/**
 * A generated market for one symbol as stream entries: a snapshot, then diffs with consecutive update ids and
 * trades with consecutive ids around a mid that drifts. Scenario hooks add the patterns the detectors look for.
 * Deterministic for a seed. Public for the integration tests that inject a generated market into a running app's
 * stream.
 */
public final class SyntheticMarket {

    final String symbol;
    final SplittableRandom rnd;
    long time;
    long updateId = 1000;
    long tradeId = 1;
    double mid = 100.00;
    public final List<StreamEntry> out = new ArrayList<>();
    /** The generator's own view of the near levels (index = levels from the best), to deplete on trades. */
    private final double[] bidQty = new double[64];
    private final double[] askQty = new double[64];

    public SyntheticMarket(String symbol, long seed, long startMs) {
        this.symbol = symbol;
        this.rnd = new SplittableRandom(seed);
        this.time = startMs;
    }

    static String px(double p) {
        return String.format(Locale.ROOT, "%.2f", p);
    }

    static String qty(double q) {
        return String.format(Locale.ROOT, "%.5f", q);
    }

    /** A snapshot of {@code levels} levels a side, 0.01 apart, quantities 0.5-1.5. */
    public SyntheticMarket snapshot(int levels) {
        StringBuilder b = new StringBuilder("[");
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < levels; i++) {
            double bq = 0.5 + rnd.nextDouble();
            double aq = 0.5 + rnd.nextDouble();
            if (i < bidQty.length) {
                bidQty[i] = bq;
                askQty[i] = aq;
            }
            b.append(i == 0 ? "" : ",").append("[\"").append(px(mid - 0.005 - i * 0.01)).append("\",\"")
                    .append(qty(bq)).append("\"]");
            a.append(i == 0 ? "" : ",").append("[\"").append(px(mid + 0.005 + i * 0.01)).append("\",\"")
                    .append(qty(aq)).append("\"]");
        }
        out.add(Envelopes.snapshot(symbol, updateId, b.append(']').toString(), a.append(']').toString(), time));
        return this;
    }

    /** One diff with the given bid and ask level JSON arrays. */
    public SyntheticMarket diff(String bids, String asks) {
        long first = updateId + 1;
        updateId += 1 + rnd.nextInt(3);
        out.add(Envelopes.diff(symbol, first, updateId, bids, asks, time));
        return this;
    }

    SyntheticMarket trade(double price, double q, boolean buy) {
        out.add(Envelopes.trade(symbol, tradeId++, px(price), qty(q), buy ? "buy" : "sell", time));
        return this;
    }

    SyntheticMarket advance(long ms) {
        time += ms;
        return this;
    }

    /**
     * Calm activity for {@code ms}: every 100 ms a diff setting a few of the best 20 levels to fresh quantities,
     * and every other step a small balanced trade at the best bid or ask, whose level shrinks by the traded
     * quantity in the next diff (as on an exchange: what trades leaves the book).
     */
    public SyntheticMarket calm(long ms) {
        for (long t = 0; t < ms; t += 100) {
            advance(100);
            StringBuilder b = new StringBuilder("[");
            StringBuilder a = new StringBuilder("[");
            if (rnd.nextInt(2) == 0) {
                boolean buy = rnd.nextBoolean();
                double q = 0.005 + rnd.nextDouble() * 0.025;
                trade(buy ? mid + 0.005 : mid - 0.005, q, buy);
                double[] side = buy ? askQty : bidQty;
                side[0] = Math.max(0.01, side[0] - q);
                (buy ? a : b).append("[\"").append(px(buy ? mid + 0.005 : mid - 0.005)).append("\",\"")
                        .append(qty(side[0])).append("\"]");
            }
            int k = 1 + rnd.nextInt(3);
            for (int i = 0; i < k; i++) {
                int lvl = 1 + rnd.nextInt(19);
                bidQty[lvl] = 0.5 + rnd.nextDouble();
                askQty[lvl] = 0.5 + rnd.nextDouble();
                b.append(b.length() == 1 ? "" : ",").append("[\"").append(px(mid - 0.005 - lvl * 0.01))
                        .append("\",\"").append(qty(bidQty[lvl])).append("\"]");
                a.append(a.length() == 1 ? "" : ",").append("[\"").append(px(mid + 0.005 + lvl * 0.01))
                        .append("\",\"").append(qty(askQty[lvl])).append("\"]");
            }
            diff(b.append(']').toString(), a.append(']').toString());
        }
        return this;
    }
}
