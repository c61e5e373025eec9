package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.context8.metrics.BookMetrics;
import io.context8.metrics.DepthBands;
import io.context8.metrics.Vacuums;
import io.context8.metrics.Walls;

/**
 * The book snapshot the report steps read: what it copies (levels within the distance, at least the minimum
 * levels, as deep as the reach) and that every metric computed on it equals the metric on the live book.
 */
class BookSnapshotTest {

    private static final long ONE = Decimals.ONE;

    static Stream<Arguments> books() {
        return Stream.of(
                Arguments.of("empty", new ArrayOrderBook(), 0, 0),
                Arguments.of("one-sided (bids only)", book(50, 0, 100 * ONE, ONE / 100), 50, 0),
                Arguments.of("crossed", crossed(), 2, 2),
                Arguments.of("single level a side", book(1, 1, 100 * ONE, ONE / 100), 1, 1),
                Arguments.of("deep (3,000 a side, 0.01 tick at 60,000)", book(3000, 3000, 60_000 * ONE, ONE / 100), 3000,
                        3000));
    }

    @ParameterizedTest(name = "{0}: the live counts, and the live book's metrics on the copy")
    @MethodSource("books")
    void metricsOnTheCopyEqualTheLiveBook(String name, OrderBook live, int bids, int asks) {
        BookSnapshot s = new BookSnapshot();
        s.take(live, 20, 201, 1_000_000);
        assertThat(s.taken()).isTrue();
        assertThat(s.bookLevels(true)).isEqualTo(bids);
        assertThat(s.bookLevels(false)).isEqualTo(asks);
        assertThat(s.levels(true)).isLessThanOrEqualTo(bids);
        assertThat(BookMetrics.mid(s)).isEqualTo(BookMetrics.mid(live));
        assertThat(BookMetrics.spreadBps(s)).isEqualTo(BookMetrics.spreadBps(live));
        assertThat(BookMetrics.weightedMid(s)).isEqualTo(BookMetrics.weightedMid(live));
        assertThat(BookMetrics.imbalance(s, 20)).isEqualTo(BookMetrics.imbalance(live, 20));
        assertThat(BookMetrics.depthNotional(s, true, 20)).isEqualTo(BookMetrics.depthNotional(live, true, 20));
        double mid = BookMetrics.mid(live).orElse(Double.NaN);
        double[] pct = {0.1, 0.5, 1, 2};
        for (boolean bid : new boolean[] {true, false}) {
            double[] q1 = new double[4];
            double[] n1 = new double[4];
            double[] q2 = new double[4];
            double[] n2 = new double[4];
            DepthBands.cumulative(live, bid, mid, pct, q1, n1);
            DepthBands.cumulative(s, bid, mid, pct, q2, n2);
            assertThat(q2).containsExactly(q1);
            assertThat(n2).containsExactly(n1);
            double[] q3 = new double[4];
            double[] n3 = new double[4];
            s.depthWithin(bid, pct, q3, n3); // the sums the copy kept: the same numbers, bit for bit
            assertThat(q3).containsExactly(q1);
            assertThat(n3).containsExactly(n1);
            for (double size : new double[] {10_000, 100_000, 1_000_000}) {
                assertThat(DepthBands.slippageBps(s, bid, size, mid)).isEqualTo(DepthBands.slippageBps(live, bid, size, mid));
            }
            List<Walls.Wall> w1 = new ArrayList<>();
            List<Walls.Wall> w2 = new ArrayList<>();
            Walls.find(live, bid, 3 * ONE, mid, 200, 5, 2, 4, w1);
            Walls.find(s, bid, 3 * ONE, mid, 200, 5, 2, 4, w2);
            assertThat(w2).isEqualTo(w1);
            List<Vacuums.Vacuum> v1 = new ArrayList<>();
            List<Vacuums.Vacuum> v2 = new ArrayList<>();
            Vacuums.find(live, bid, ONE / 2, mid, 200, 3, 8, 20, 5, v1);
            Vacuums.find(s, bid, ONE / 2, mid, 200, 3, 8, 20, 5, v2);
            assertThat(v2).isEqualTo(v1);
        }
    }

    @Test
    @DisplayName("deep book: copies the levels within the distance, not the whole side")
    void copiesOnlyWhatStepsRead() {
        OrderBook live = book(3000, 3000, 60_000 * ONE, ONE / 100); // 3,000 ticks of 0.01 = 0.5 bp at 60,000
        BookSnapshot s = new BookSnapshot();
        s.take(live, 20, 0.1, 0);
        // mid 60,000.005, 0.1 bp of it is 0.600: bids 60,000.00 down to 59,999.41 (60), asks to 60,000.60 (60)
        assertThat(s.levels(true)).isEqualTo(60);
        assertThat(s.levels(false)).isEqualTo(60);
        assertThat(s.bookLevels(true)).isEqualTo(3000);
        assertThat(s.priceAt(true, 0)).isEqualTo(live.priceAt(true, 0));
        assertThat(s.qtyAt(false, 59)).isEqualTo(live.qtyAt(false, 59));
    }

    @Test
    @DisplayName("minimum levels and the slippage reach go past the distance")
    void minimumLevelsAndReach() {
        OrderBook live = book(3000, 3000, 60_000 * ONE, ONE / 100);
        BookSnapshot s = new BookSnapshot();
        s.take(live, 100, 0, 0);
        assertThat(s.levels(true)).isEqualTo(100);
        s.take(live, 1, 0, 1_000_000); // levels of about 1-2 base units at 60,000: 60-120k each
        double notional = 0;
        for (int i = 0; i < s.levels(false) - 1; i++) {
            notional += Decimals.toDouble(s.priceAt(false, i)) * Decimals.toDouble(s.qtyAt(false, i));
        }
        assertThat(notional).as("the levels before the last one do not fill the order").isLessThan(1_000_000);
        assertThat(notional + Decimals.toDouble(s.priceAt(false, s.levels(false) - 1))
                * Decimals.toDouble(s.qtyAt(false, s.levels(false) - 1))).isGreaterThanOrEqualTo(1_000_000);
    }

    @Test
    @DisplayName("read-only, bounds-checked, and empty after clearTaken")
    void readOnly() {
        BookSnapshot s = new BookSnapshot();
        assertThat(s.taken()).isFalse();
        s.take(book(5, 5, 100 * ONE, ONE / 100), 5, 0, 0);
        assertThatThrownBy(() -> s.apply(true, ONE, ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(s::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> s.priceAt(true, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        s.clearTaken();
        assertThat(s.taken()).isTrue();
        assertThat(s.isEmpty(true)).isTrue();
        s.reset();
        assertThat(s.taken()).isFalse();
    }

    @Test
    @DisplayName("a side deeper than ever before grows the copy's arrays")
    void grows() {
        BookSnapshot s = new BookSnapshot();
        s.take(book(5000, 10, 60_000 * ONE, ONE / 100), 5000, 0, 0);
        assertThat(s.levels(true)).isEqualTo(5000);
        assertThat(s.priceAt(true, 4999)).isEqualTo(60_000 * ONE - 4999 * (ONE / 100));
    }

    /** Bids from {@code best} down and asks from best + tick up, one tick apart, quantities 0.2-2.2 with walls. */
    private static OrderBook book(int bids, int asks, long best, long tick) {
        SplittableRandom rnd = new SplittableRandom(bids * 31L + asks);
        OrderBook b = new ArrayOrderBook(16);
        for (int i = 0; i < bids; i++) {
            b.apply(true, best - i * tick, qty(rnd, i));
        }
        for (int i = 0; i < asks; i++) {
            b.apply(false, best + (i + 1) * tick, qty(rnd, i));
        }
        return b;
    }

    private static long qty(SplittableRandom rnd, int i) {
        long q = ONE / 5 + (long) (rnd.nextDouble() * 2 * ONE);
        return i % 97 == 13 ? 10 * q : i % 11 == 5 ? ONE / 10 : q;
    }

    private static OrderBook crossed() {
        OrderBook b = new ArrayOrderBook(4);
        b.apply(true, 101 * ONE, ONE);
        b.apply(true, 100 * ONE, ONE);
        b.apply(false, 99 * ONE, ONE);
        b.apply(false, 102 * ONE, ONE);
        return b;
    }
}
