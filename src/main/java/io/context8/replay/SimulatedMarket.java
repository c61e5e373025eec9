package io.context8.replay;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import io.context8.recording.RecordedFrame;

/**
 * A synthetic Binance Spot market for demos without recordings, served by {@link ReplayServer} exactly like a
 * recording: the same combined-stream frames ({@code <s>@trade}, {@code <s>@depth@100ms} diffs chained by
 * {@code U == previous u + 1}, {@code <s>@bookTicker} on every change of the top of book, {@code <s>@ticker}
 * every second) and the same REST depth book. Deterministic for a seed and a start time; without end.
 *
 * <p>The model, per symbol (docs/replay.md): a random-walk mid (log-normal steps every 100 ms at the given
 * annualized volatility); a ladder of about 1000 levels a side whose distance from the top grows as
 * {@code 0.004 bps x i^1.7} (level 1000 at 5 %) with log-normal sizes whose median notional grows away from the
 * mid ({@code 3000 x (1 + d_bps)^0.6} quote units); level churn (about 60 updates a second a side, most near the
 * top); Poisson trades at {@code tradeRate} a second, log-normal notional (median 500), that take the best levels
 * (one trade per level filled), the emptied best price usually refilled at once; the top follows the mid (levels
 * the mid crossed are cancelled, a new best level usually appears); and about every 30 s a wall (40 x the usual
 * size, 20-80 bps from the mid) that is pulled after 2-8 s (half of them, as spoofers do) or 20-120 s. It is not a
 * real market: no order flow dynamics, no news, and the detectors of the report may fire on its walls.
 */
public final class SimulatedMarket {

    /** Tick of the simulation: one diff per symbol and tick, as {@code @depth@100ms}. */
    static final long TICK_MS = 100;
    static final int LEVELS = 1000;
    private static final double LADDER_A_BPS = 0.00397;
    private static final double LADDER_POWER = 1.7;
    private static final double CHURN_PER_SECOND_PER_SIDE = 60;
    private static final double WALLS_PER_SECOND = 1.0 / 30;

    /** Start price, tick decimals and quantity decimals of a few known symbols; others derive from the name. */
    private static final Map<String, double[]> KNOWN = Map.of(
            "BTCUSDT", new double[] {60_000, 2, 5},
            "ETHUSDT", new double[] {3_000, 2, 4},
            "BNBUSDT", new double[] {600, 2, 3},
            "SOLUSDT", new double[] {150, 2, 3},
            "XRPUSDT", new double[] {0.5, 4, 0},
            "DOGEUSDT", new double[] {0.12, 5, 0});

    /**
     * @param seed       random seed (same seed and start time: same frames)
     * @param tradeRate  mean trades per second per symbol (Poisson)
     * @param volatility annualized volatility of the mid, e.g. 0.6
     */
    public record Settings(long seed, double tradeRate, double volatility) {
        /** The app's defaults (application.yaml context8.simulated.*) with another seed, for ReplayMain. */
        public static Settings withSeed(long seed) {
            return new Settings(seed, 20, 0.6);
        }

        public Settings {
            if (!(tradeRate > 0) || !(volatility >= 0) || Double.isInfinite(tradeRate) || Double.isInfinite(volatility)) {
                throw new IllegalArgumentException("simulated market: trade rate must be > 0 and volatility >= 0, got "
                        + tradeRate + " and " + volatility);
            }
        }
    }

    private final List<Sim> sims = new ArrayList<>();
    private final LongSupplier startEpochMs;
    private boolean opened;

    /**
     * @param symbols      symbols to simulate (upper case)
     * @param startEpochMs the exchange time of the first frame, read when {@link #frames()} is called (the app
     *                     passes the wall clock, so event times are current)
     */
    public SimulatedMarket(List<String> symbols, Settings settings, LongSupplier startEpochMs) {
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("simulated market needs at least one symbol");
        }
        for (String s : symbols) {
            sims.add(new Sim(s.toUpperCase(Locale.ROOT), settings));
        }
        this.startEpochMs = startEpochMs;
    }

    /** The start price of a symbol: from the table of known symbols, else derived from the hash of its name. */
    static double[] instrument(String symbol) {
        double[] known = KNOWN.get(symbol);
        if (known != null) {
            return known;
        }
        int h = symbol.hashCode() & 0x7fffffff;
        double price = Math.pow(10, h % 5 - 1) * (1 + (h / 5) % 9); // 0.1 .. 9000
        int mag = (int) Math.floor(Math.log10(price));
        return new double[] {price, Math.max(0, Math.min(8, 5 - mag)), Math.max(0, Math.min(8, mag + 1))};
    }

    List<String> symbols() {
        return sims.stream().map(s -> s.symbol).toList();
    }

    /** The REST book before the first frame. */
    ReplayBook.Snapshot initialSnapshot(String symbol) {
        for (Sim s : sims) {
            if (s.symbol.equals(symbol)) {
                return s.initial;
            }
        }
        throw new IllegalArgumentException("not simulated: " + symbol);
    }

    /** The frames, in time order, without end; once only. */
    synchronized Iterator<RecordedFrame> frames() {
        if (opened) {
            throw new IllegalStateException("the simulated market is played once");
        }
        opened = true;
        long start = startEpochMs.getAsLong();
        return new Iterator<>() {
            private final List<RecordedFrame> buffer = new ArrayList<>();
            private int next;
            private long tick;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public RecordedFrame next() {
                while (next >= buffer.size()) {
                    buffer.clear();
                    next = 0;
                    long t0 = start + tick++ * TICK_MS;
                    for (Sim s : sims) {
                        s.tick(t0, buffer);
                    }
                    buffer.sort(Comparator.comparingLong(RecordedFrame::localTimestamp)); // stable: symbol order
                }
                if (next >= buffer.size()) {
                    throw new NoSuchElementException();
                }
                return buffer.get(next++);
            }
        };
    }

    /** One symbol's market. Prices in ticks, quantities in lots (longs); text only on the wire. */
    private static final class Sim {
        final String symbol;
        final String lower;
        final SplittableRandom rnd;
        final int priceDecimals;
        final int qtyDecimals;
        final double sigmaPerTick;
        final double tradeRate;
        final TreeMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<Long, Long> asks = new TreeMap<>();
        final TreeMap<Long, Long> changedBids = new TreeMap<>(Collections.reverseOrder());
        final TreeMap<Long, Long> changedAsks = new TreeMap<>();
        final List<long[]> walls = new ArrayList<>(); // {side 0 bid / 1 ask, price, pull time}
        final ReplayBook.Snapshot initial;
        double mid; // in ticks
        long updateId;
        long firstIdOfTick = -1;
        long tradeId;
        long topBidPrice = -1;
        long topBidQty;
        long topAskPrice = -1;
        long topAskQty;
        // 24 h ticker, from the start of the simulation
        long open = -1;
        long high;
        long low;
        long last;
        long lastQty;
        double volume;
        double quoteVolume;
        long firstTradeId = -1;
        long trades;
        long startMs = -1;
        long nextTickerMs;

        Sim(String symbol, Settings settings) {
            this.symbol = symbol;
            this.lower = symbol.toLowerCase(Locale.ROOT);
            this.rnd = new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + symbol.hashCode());
            double[] inst = instrument(symbol);
            this.priceDecimals = (int) inst[1];
            this.qtyDecimals = (int) inst[2];
            this.mid = inst[0] * Math.pow(10, priceDecimals);
            this.sigmaPerTick = settings.volatility() / Math.sqrt(365.0 * 24 * 3600 * 1000 / TICK_MS);
            this.tradeRate = settings.tradeRate();
            this.updateId = 1_000_000_000L + rnd.nextInt(1_000_000);
            this.tradeId = 100_000_000L + rnd.nextInt(1_000_000);
            long bb = bestBidTarget();
            for (int i = 0; i < LEVELS; i++) {
                bids.put(bb - offset(i), size(offset(i)));
                asks.put(bb + 1 + offset(i), size(offset(i)));
            }
            changedBids.clear();
            changedAsks.clear();
            initial = new ReplayBook.Snapshot(updateId, levels(bids), levels(asks));
            topBidPrice = bids.firstKey();
            topBidQty = bids.firstEntry().getValue();
            topAskPrice = asks.firstKey();
            topAskQty = asks.firstEntry().getValue();
        }

        long bestBidTarget() {
            return (long) Math.floor(mid);
        }

        /** Ticks from the top of the i-th ladder level (strictly growing with i). */
        long offset(int i) {
            double bps = LADDER_A_BPS * Math.pow(i, LADDER_POWER);
            return Math.max(i, Math.round(bps * 1e-4 * mid));
        }

        /** A log-normal level size in lots whose median notional grows with the distance from the mid. */
        long size(long offsetTicks) {
            double bps = offsetTicks / mid * 1e4;
            double notional = 3000 * Math.pow(1 + bps, 0.6) * Math.exp(gaussian());
            return Math.max(1, Math.round(notional / price(mid) * Math.pow(10, qtyDecimals)));
        }

        double price(double ticks) {
            return ticks / Math.pow(10, priceDecimals);
        }

        double gaussian() {
            double u = 1 - rnd.nextDouble();
            double v = rnd.nextDouble();
            return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }

        double exponential(double rate) {
            return -Math.log(1 - rnd.nextDouble()) / rate;
        }

        /** One tick from {@code t0}: mid step, then churn, trades and walls in time order, then the diff. */
        void tick(long t0, List<RecordedFrame> out) {
            if (startMs < 0) {
                startMs = t0;
                nextTickerMs = t0 + 1000;
            }
            mid *= Math.exp(sigmaPerTick * gaussian());
            followMid(t0, out);
            double t = 0;
            double tickSeconds = TICK_MS / 1000.0;
            double churnRate = 2 * CHURN_PER_SECOND_PER_SIDE;
            double total = churnRate + tradeRate + WALLS_PER_SECOND;
            while ((t += exponential(total)) < tickSeconds) {
                long te = t0 + (long) (t * 1000);
                double pick = rnd.nextDouble() * total;
                if (pick < churnRate) {
                    churn(te, out);
                } else if (pick < churnRate + tradeRate) {
                    trade(te, out);
                } else {
                    wall(te, out);
                }
            }
            pullWalls(t0 + TICK_MS - 1, out);
            long end = t0 + TICK_MS;
            if (firstIdOfTick >= 0) {
                out.add(frame(end, "depth@100ms", "{\"e\":\"depthUpdate\",\"E\":" + end + ",\"s\":\"" + symbol
                        + "\",\"U\":" + firstIdOfTick + ",\"u\":" + updateId + ",\"b\":" + json(changedBids)
                        + ",\"a\":" + json(changedAsks) + "}"));
                changedBids.clear();
                changedAsks.clear();
                firstIdOfTick = -1;
            }
            if (end >= nextTickerMs && open >= 0) {
                nextTickerMs += 1000;
                out.add(frame(end, "ticker", ticker(end)));
            }
        }

        /** Cancels levels the mid crossed and usually puts a new best level at the mid. */
        void followMid(long te, List<RecordedFrame> out) {
            long bb = bestBidTarget();
            while (!bids.isEmpty() && bids.firstKey() > bb) {
                set(0, bids.firstKey(), 0, te, out);
            }
            while (!asks.isEmpty() && asks.firstKey() <= bb) {
                set(1, asks.firstKey(), 0, te, out);
            }
            if ((bids.isEmpty() || bids.firstKey() < bb) && rnd.nextDouble() < 0.9) {
                set(0, bb, size(0), te, out);
            }
            if ((asks.isEmpty() || asks.firstKey() > bb + 1) && rnd.nextDouble() < 0.9) {
                set(1, bb + 1, size(0), te, out);
            }
        }

        void churn(long te, List<RecordedFrame> out) {
            int side = rnd.nextInt(2);
            double u = rnd.nextDouble();
            long off = offset((int) (LEVELS * u * u));
            long bb = bestBidTarget();
            long price = side == 0 ? bb - off : bb + 1 + off;
            TreeMap<Long, Long> book = side == 0 ? bids : asks;
            if (book.containsKey(price) && rnd.nextDouble() < 0.3 && !isWall(side, price)) {
                set(side, price, 0, te, out);
            } else if (!isWall(side, price)) {
                set(side, price, size(off), te, out);
            }
            if (book.size() > LEVELS * 13 / 10) {
                set(side, book.lastKey(), 0, te, out); // the farthest level goes
            }
        }

        void trade(long te, List<RecordedFrame> out) {
            boolean buy = rnd.nextBoolean();
            TreeMap<Long, Long> book = buy ? asks : bids;
            double notional = 500 * Math.exp(1.2 * gaussian());
            long left = Math.max(1, Math.round(notional / price(mid) * Math.pow(10, qtyDecimals)));
            for (int walked = 0; walked < 5 && left > 0 && !book.isEmpty(); walked++) {
                Map.Entry<Long, Long> best = book.firstEntry();
                long fill = Math.min(left, best.getValue());
                left -= fill;
                long id = tradeId++;
                String q = decimal(fill, qtyDecimals);
                out.add(frame(te, "trade", "{\"e\":\"trade\",\"E\":" + te + ",\"s\":\"" + symbol + "\",\"t\":" + id
                        + ",\"p\":\"" + decimal(best.getKey(), priceDecimals) + "\",\"q\":\"" + q + "\",\"T\":" + te
                        + ",\"m\":" + !buy + ",\"M\":true}"));
                noteTrade(id, best.getKey(), fill);
                set(buy ? 1 : 0, best.getKey(), best.getValue() - fill, te, out);
            }
            // liquidity comes back: most of the time a new order fills the emptied best price at the mid
            long bb = bestBidTarget();
            long top = buy ? bb + 1 : bb;
            if (!book.containsKey(top) && (book.isEmpty() || (buy ? book.firstKey() > top : book.firstKey() < top))
                    && rnd.nextDouble() < 0.7) {
                set(buy ? 1 : 0, top, size(0), te, out);
            }
        }

        void wall(long te, List<RecordedFrame> out) {
            int side = rnd.nextInt(2);
            double bps = 20 + 60 * rnd.nextDouble();
            long off = Math.round(bps * 1e-4 * mid);
            long bb = bestBidTarget();
            long price = side == 0 ? bb - off : bb + 1 + off;
            long lifeMs = rnd.nextBoolean() ? 2_000 + rnd.nextLong(6_000) : 20_000 + rnd.nextLong(100_000);
            walls.add(new long[] {side, price, te + lifeMs});
            set(side, price, 40 * size(off), te, out);
        }

        void pullWalls(long te, List<RecordedFrame> out) {
            for (Iterator<long[]> it = walls.iterator(); it.hasNext();) {
                long[] w = it.next();
                TreeMap<Long, Long> book = w[0] == 0 ? bids : asks;
                if (!book.containsKey(w[1])) {
                    it.remove(); // taken or crossed
                } else if (w[2] <= te) {
                    it.remove();
                    long off = Math.abs(w[1] - bestBidTarget());
                    set((int) w[0], w[1], rnd.nextBoolean() ? 0 : size(off), te, out);
                }
            }
        }

        boolean isWall(int side, long price) {
            for (long[] w : walls) {
                if (w[0] == side && w[1] == price) {
                    return true;
                }
            }
            return false;
        }

        /** One book update (its own update id); a bookTicker when the top of book changed. */
        void set(int side, long price, long qty, long te, List<RecordedFrame> out) {
            TreeMap<Long, Long> book = side == 0 ? bids : asks;
            if (qty <= 0) {
                if (book.remove(price) == null) {
                    return;
                }
            } else {
                book.put(price, qty);
            }
            updateId++;
            if (firstIdOfTick < 0) {
                firstIdOfTick = updateId;
            }
            (side == 0 ? changedBids : changedAsks).put(price, Math.max(0, qty));
            if (bids.isEmpty() || asks.isEmpty()) {
                return; // no top to show (the next level update brings it back)
            }
            long bp = bids.firstKey();
            long bq = bids.firstEntry().getValue();
            long ap = asks.firstKey();
            long aq = asks.firstEntry().getValue();
            if (bp != topBidPrice || bq != topBidQty || ap != topAskPrice || aq != topAskQty) {
                topBidPrice = bp;
                topBidQty = bq;
                topAskPrice = ap;
                topAskQty = aq;
                out.add(frame(te, "bookTicker", "{\"u\":" + updateId + ",\"s\":\"" + symbol + "\",\"b\":\""
                        + decimal(bp, priceDecimals) + "\",\"B\":\"" + decimal(bq, qtyDecimals) + "\",\"a\":\""
                        + decimal(ap, priceDecimals) + "\",\"A\":\"" + decimal(aq, qtyDecimals) + "\"}"));
            }
        }

        void noteTrade(long id, long price, long qty) {
            if (open < 0) {
                open = price;
                high = price;
                low = price;
                firstTradeId = id;
            }
            high = Math.max(high, price);
            low = Math.min(low, price);
            last = price;
            lastQty = qty;
            double q = qty / Math.pow(10, qtyDecimals);
            volume += q;
            quoteVolume += q * price(price);
            trades++;
        }

        String ticker(long e) {
            double change = price(last) - price(open);
            return "{\"e\":\"24hrTicker\",\"E\":" + e + ",\"s\":\"" + symbol + "\",\"p\":\"" + plain(change, priceDecimals)
                    + "\",\"P\":\"" + plain(change / price(open) * 100, 3) + "\",\"w\":\""
                    + plain(quoteVolume / volume, priceDecimals) + "\",\"x\":\"" + decimal(open, priceDecimals)
                    + "\",\"c\":\"" + decimal(last, priceDecimals) + "\",\"Q\":\"" + decimal(lastQty, qtyDecimals)
                    + "\",\"b\":\"" + decimal(topBidPrice, priceDecimals) + "\",\"B\":\"" + decimal(topBidQty, qtyDecimals)
                    + "\",\"a\":\"" + decimal(topAskPrice, priceDecimals) + "\",\"A\":\"" + decimal(topAskQty, qtyDecimals)
                    + "\",\"o\":\"" + decimal(open, priceDecimals) + "\",\"h\":\"" + decimal(high, priceDecimals)
                    + "\",\"l\":\"" + decimal(low, priceDecimals) + "\",\"v\":\"" + plain(volume, 8) + "\",\"q\":\""
                    + plain(quoteVolume, 8) + "\",\"O\":" + Math.max(startMs, e - 86_400_000L) + ",\"C\":" + e
                    + ",\"F\":" + firstTradeId + ",\"L\":" + (tradeId - 1) + ",\"n\":" + trades + "}";
        }

        RecordedFrame frame(long te, String stream, String data) {
            return new RecordedFrame(te * 1_000_000L, "{\"stream\":\"" + lower + "@" + stream + "\",\"data\":" + data + "}");
        }

        String json(TreeMap<Long, Long> changed) {
            StringBuilder b = new StringBuilder(changed.size() * 36 + 2).append('[');
            for (Map.Entry<Long, Long> e : changed.entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append("[\"").append(decimal(e.getKey(), priceDecimals)).append("\",\"")
                        .append(decimal(e.getValue(), qtyDecimals)).append("\"]");
            }
            return b.append(']').toString();
        }

        List<ReplayBook.Level> levels(TreeMap<Long, Long> side) {
            List<ReplayBook.Level> out = new ArrayList<>(side.size());
            side.forEach((p, q) -> out.add(new ReplayBook.Level(decimal(p, priceDecimals), decimal(q, qtyDecimals))));
            return out;
        }

        /** Binance's text: {@code units x 10^-decimals} with 8 decimals. */
        static String decimal(long units, int decimals) {
            return BigDecimal.valueOf(units, decimals).setScale(8).toPlainString();
        }

        static String plain(double v, int decimals) {
            return BigDecimal.valueOf(v).setScale(Math.min(8, decimals), java.math.RoundingMode.HALF_EVEN).toPlainString();
        }
    }
}
