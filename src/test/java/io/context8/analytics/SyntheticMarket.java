package io.context8.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import io.context8.redis.StreamEntry;

/**
 * A generated market for one symbol as stream entries: a snapshot, then diffs with consecutive update ids and
 * trades with consecutive ids around a mid that drifts. Scenario hooks add the patterns the detectors look for.
 * Deterministic for a seed.
 */
final class SyntheticMarket {

    final String symbol;
    final SplittableRandom rnd;
    long time;
    long updateId = 1000;
    long tradeId = 1;
    double mid = 100.00;
    final List<StreamEntry> out = new ArrayList<>();

    SyntheticMarket(String symbol, long seed, long startMs) {
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
    SyntheticMarket snapshot(int levels) {
        StringBuilder b = new StringBuilder("[");
        StringBuilder a = new StringBuilder("[");
        for (int i = 0; i < levels; i++) {
            b.append(i == 0 ? "" : ",").append("[\"").append(px(mid - 0.005 - i * 0.01)).append("\",\"")
                    .append(qty(0.5 + rnd.nextDouble())).append("\"]");
            a.append(i == 0 ? "" : ",").append("[\"").append(px(mid + 0.005 + i * 0.01)).append("\",\"")
                    .append(qty(0.5 + rnd.nextDouble())).append("\"]");
        }
        out.add(Envelopes.snapshot(symbol, updateId, b.append(']').toString(), a.append(']').toString(), time));
        return this;
    }

    /** One diff with the given bid and ask level JSON arrays. */
    SyntheticMarket diff(String bids, String asks) {
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

    /** Calm activity for {@code ms}: every 100 ms a diff touching a few near levels and a balanced trade or two. */
    SyntheticMarket calm(long ms) {
        for (long t = 0; t < ms; t += 100) {
            advance(100);
            int k = 1 + rnd.nextInt(3);
            StringBuilder b = new StringBuilder("[");
            StringBuilder a = new StringBuilder("[");
            for (int i = 0; i < k; i++) {
                int lvl = rnd.nextInt(20);
                b.append(i == 0 ? "" : ",").append("[\"").append(px(mid - 0.005 - lvl * 0.01)).append("\",\"")
                        .append(qty(0.5 + rnd.nextDouble())).append("\"]");
                a.append(i == 0 ? "" : ",").append("[\"").append(px(mid + 0.005 + lvl * 0.01)).append("\",\"")
                        .append(qty(0.5 + rnd.nextDouble())).append("\"]");
            }
            diff(b.append(']').toString(), a.append(']').toString());
            if (rnd.nextInt(2) == 0) {
                boolean buy = rnd.nextBoolean();
                trade(buy ? mid + 0.005 : mid - 0.005, 0.01 + rnd.nextDouble() * 0.05, buy);
            }
        }
        return this;
    }
}
