package io.context8.bench;

import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.book.NaiveOrderBook;
import io.context8.book.OrderBook;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link OrderBook#apply} on a synthetic 3000-levels-a-side book: updates, inserts and deletes whose distance
 * from the best price is geometric (most land near the top, like real diffs). Run on demand only (not a
 * surefire test); see docs/benchmarks.md for the command.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class OrderBookApplyBenchmark {

    private static final int LEVELS = 3000;
    private static final int OPS = 1 << 16;
    private static final long TICK = Decimals.ONE / 100; // 0.01
    private static final long BEST_BID = 60_000 * Decimals.ONE;

    @Param({"array", "naive"})
    public String impl;

    private OrderBook book;
    private final boolean[] sides = new boolean[OPS];
    private final long[] prices = new long[OPS];
    private final long[] qtys = new long[OPS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        book = impl.equals("array") ? new ArrayOrderBook(2 * LEVELS) : new NaiveOrderBook();
        for (int i = 0; i < LEVELS; i++) {
            book.apply(true, BEST_BID - i * TICK, Decimals.ONE);
            book.apply(false, BEST_BID + (i + 1) * TICK, Decimals.ONE);
        }
        SplittableRandom rnd = new SplittableRandom(7);
        for (int k = 0; k < OPS; k++) {
            boolean bid = rnd.nextBoolean();
            int depth = (int) Math.min(LEVELS - 1, -Math.log(1 - rnd.nextDouble()) * 50); // mean 50 levels deep
            sides[k] = bid;
            prices[k] = bid ? BEST_BID - depth * TICK : BEST_BID + (depth + 1) * TICK;
            qtys[k] = rnd.nextInt(4) == 0 ? 0 : 1 + rnd.nextInt(1_000_000_000);
        }
    }

    @Benchmark
    public long apply() {
        int k = next;
        next = (k + 1) & (OPS - 1);
        book.apply(sides[k], prices[k], qtys[k]);
        return book.levels(sides[k]);
    }
}
