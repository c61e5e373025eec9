package io.context8.bench;

import io.context8.analytics.steps.ReportChain;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.analytics.AnalyticsEngine;
import io.context8.analytics.DueReport;
import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import io.context8.metrics.DepthBands;
import io.context8.metrics.RollingQuantiles;
import io.context8.metrics.Vacuums;
import io.context8.metrics.VolumeProfile;
import io.context8.metrics.Walls;
import io.context8.redis.StreamEntry;
import io.context8.testsupport.TestSettings;

/**
 * Report assembly on a 3,000-levels-a-side book (0.01 tick around 60,000) and 30 minutes of trades (30 per
 * second: 54,000 in the window). {@code liquidityMetrics}: the per-report metric work (two quantiles over
 * 4,096 observations, walls and vacuums of both sides, four depth bands and six slippage walks, the volume
 * profile). {@code fullReport}: one whole report of the analytics engine, through the built-in chain of
 * {@code build-market-report} in Java (every step, JSON text); at the end of the trial it prints the p50 / p99 of
 * each step and of the metric steps together, as timed by the steps themselves. {@code tradeUpdate}: the per-trade
 * work of the profile window. Run on demand only (not a surefire test); see docs/benchmarks.md for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReportAssemblyBenchmark {

    private static final int LEVELS = 3000;
    private static final long TICK = Decimals.ONE / 100;
    private static final long BEST_BID = 60_000 * Decimals.ONE;
    private static final long T0 = 1_723_161_255_000L;
    private static final int TRADES = 54_000;

    private final OrderBook book = new ArrayOrderBook(4096);
    private final RollingQuantiles quantiles = new RollingQuantiles(4096);
    private final VolumeProfile profile = new VolumeProfile(1_800_000, 1.0, 65_536);
    private final VolumeProfile.Result result = new VolumeProfile.Result();
    private final List<Walls.Wall> walls = new ArrayList<>();
    private final List<Vacuums.Vacuum> vacuums = new ArrayList<>();
    private final double[] pct = {0.1, 0.5, 1, 2};
    private final double[] qty = new double[4];
    private final double[] notional = new double[4];
    private final double[] sizes = {10_000, 100_000, 1_000_000};
    private AnalyticsEngine engine;
    private long now;
    private long tradeTime;
    private long[] tradePrices;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(7);
        StringBuilder bids = new StringBuilder("[");
        StringBuilder asks = new StringBuilder("[");
        for (int i = 0; i < LEVELS; i++) {
            long bq = qtyOf(rnd);
            long aq = qtyOf(rnd);
            book.apply(true, BEST_BID - i * TICK, bq);
            book.apply(false, BEST_BID + TICK + i * TICK, aq);
            quantiles.add(bq);
            quantiles.add(aq);
            bids.append(i == 0 ? "" : ",").append("[\"").append(Decimals.toPlainString(BEST_BID - i * TICK))
                    .append("\",\"").append(Decimals.toPlainString(bq)).append("\"]");
            asks.append(i == 0 ? "" : ",").append("[\"").append(Decimals.toPlainString(BEST_BID + TICK + i * TICK))
                    .append("\",\"").append(Decimals.toPlainString(aq)).append("\"]");
        }
        tradePrices = new long[TRADES];
        List<StreamEntry> entries = new ArrayList<>();
        entries.add(entry("order_book_depth", T0, "{\"last_update_id\":1,\"bids\":" + bids + "],\"asks\":" + asks
                + "]}"));
        for (int i = 0; i < TRADES; i++) {
            long t = T0 + i * 1_800_000L / TRADES;
            long price = BEST_BID + (rnd.nextInt(2001) - 1000) * TICK;
            tradePrices[i] = price;
            long q = Decimals.ONE / 100 + rnd.nextInt(100_000_000);
            profile.add(t, price, q);
            entries.add(entry("trade_tick", t, "{\"trade_id\":" + (i + 1) + ",\"price\":\"" + Decimals.toPlainString(price)
                    + "\",\"qty\":\"" + Decimals.toPlainString(q) + "\",\"aggressor\":\"" + (rnd.nextBoolean() ? "buy" : "sell")
                    + "\",\"trade_time\":" + t + "}"));
        }
        tradeTime = T0 + 1_800_000L;
        now = T0;
        engine = new AnalyticsEngine(List.of("BTCUSDT"), "binance", TestSettings.analytics(),
                io.context8.analytics.BookCheckSettings.defaults(), new ObjectMapper(), () -> now, steps);
        engine.onIngestStatus("{\"websocket\":\"receiving\"}");
        ReportChain.reports(engine.onBatch(entries));
    }

    /** Per-step times of the reports of the trial (the first 200,000 of each), in nanoseconds. */
    private final StepTimes steps = new StepTimes();

    static final class StepTimes implements io.context8.analytics.AnalyticsObserver {
        private static final int MAX = 200_000;
        final Map<String, long[]> byStep = new java.util.LinkedHashMap<>();
        final Map<String, int[]> counts = new java.util.HashMap<>();

        @Override
        public void reportStep(String step, long nanos) {
            add(step, nanos);
        }

        @Override
        public void reportBuilt(String symbol, long metricsNanos, long serializeNanos,
                io.context8.analytics.ReportData report) {
            add("(metric steps together)", metricsNanos);
            add("write-report", serializeNanos);
        }

        private void add(String step, long nanos) {
            long[] a = byStep.computeIfAbsent(step, k -> new long[MAX]);
            int[] n = counts.computeIfAbsent(step, k -> new int[1]);
            if (n[0] < MAX) {
                a[n[0]++] = nanos;
            }
        }

        void print() {
            if (counts.values().stream().allMatch(n -> n[0] < 100)) {
                return; // a trial of another benchmark: only the set-up's report
            }
            System.out.println("\nper step (reports of the trial, warm-up included): p50 / p99 in microseconds");
            for (Map.Entry<String, long[]> e : byStep.entrySet()) {
                int n = counts.get(e.getKey())[0];
                long[] a = java.util.Arrays.copyOf(e.getValue(), n);
                java.util.Arrays.sort(a);
                System.out.printf("  %-28s n=%7d  p50 %8.1f  p99 %8.1f%n", e.getKey(), n, a[n / 2] / 1e3,
                        a[Math.min(n - 1, (int) (n * 0.99))] / 1e3);
            }
        }
    }

    @org.openjdk.jmh.annotations.TearDown
    public void printSteps() {
        steps.print();
    }

    private static long qtyOf(SplittableRandom rnd) {
        // mostly small, a few large: a long-tailed level size distribution
        return rnd.nextInt(20) == 0 ? (5 + rnd.nextInt(50)) * Decimals.ONE : 1 + rnd.nextInt(200_000_000);
    }

    private static StreamEntry entry(String type, long ts, String payload) {
        return new StreamEntry("1-0", Map.of("event", "{\"type\":\"" + type + "\",\"venue\":\"binance\",\"symbol\":"
                + "\"BTCUSDT\",\"ts_event\":" + ts + ",\"ts_ingest\":" + ts + ",\"payload\":" + payload + "}"));
    }

    @Benchmark
    public void liquidityMetrics(Blackhole bh) {
        double mid = (Decimals.toDouble(book.bestBidPrice()) + Decimals.toDouble(book.bestAskPrice())) / 2;
        long p95 = quantiles.quantile(0.95);
        long p10 = quantiles.quantile(0.10);
        long threshold = Walls.threshold(p95, 1.5, 0);
        walls.clear();
        vacuums.clear();
        for (int side = 0; side < 2; side++) {
            boolean bid = side == 0;
            Walls.find(book, bid, threshold, mid, 200, 5, 2, 4, walls);
            Vacuums.find(book, bid, p10, mid, 200, 3, 8, 20, 5, vacuums);
            DepthBands.cumulative(book, bid, mid, pct, qty, notional);
            for (double s : sizes) {
                bh.consume(DepthBands.slippageBps(book, bid, s, mid));
            }
        }
        profile.compute(50, 0.7, result);
        bh.consume(walls.size() + vacuums.size());
        bh.consume(result.poc);
        bh.consume(notional[3]);
    }

    @Benchmark
    public List<DueReport> fullReport() {
        now += 1_000; // a heartbeat is due at every call
        return ReportChain.reports(engine.onBatch(List.of()));
    }

    @Benchmark
    public void tradeUpdate() {
        tradeTime += 33;
        profile.add(tradeTime, tradePrices[(int) (tradeTime % TRADES)], Decimals.ONE / 10);
    }
}
