package io.context8.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.context8.book.Decimals;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TradeWindowTest {

    static final long ONE = Decimals.ONE;
    static final boolean AGGRESSIVE_BUY = false; // m=false: buyer is taker
    static final boolean AGGRESSIVE_SELL = true; // m=true: buyer is maker, the aggressor sold

    TradeWindow w;

    @BeforeEach
    void setUp() {
        w = new TradeWindow(30_000, 16);
    }

    @Test
    @DisplayName("before any trade: no value for rate and net flow")
    void noTradeYet() {
        assertThat(w.ratePerSec(10_000)).isEmpty();
        assertThat(w.netFlow(30_000)).isEmpty();
    }

    @Test
    @DisplayName("100 trades in 10 s give 10 trades/s")
    void rate() {
        for (int i = 0; i < 100; i++) {
            w.add(i, 1_000_000 + i * 100L, ONE, AGGRESSIVE_BUY);
        }
        assertThat(w.ratePerSec(10_000)).hasValue(10.0);
        assertThat(w.size()).isEqualTo(100); // grew from 16
    }

    @Test
    @DisplayName("known buy and sell volumes give the known net flow (m=true is an aggressive sell)")
    void netFlow() {
        w.add(1, 1000, Decimals.parse("1.5"), AGGRESSIVE_BUY);
        w.add(2, 1001, Decimals.parse("0.25"), AGGRESSIVE_SELL);
        w.add(3, 1002, Decimals.parse("2"), AGGRESSIVE_SELL);
        assertThat(w.netFlow(30_000).getAsDouble()).isCloseTo(-0.75, within(1e-12));
    }

    @Test
    @DisplayName("eviction at the window edge: a trade exactly W old is out, W-1 ms old is in")
    void edge() {
        w.add(1, 0, ONE, AGGRESSIVE_BUY);
        w.add(2, 1, 2 * ONE, AGGRESSIVE_BUY);
        w.add(3, 10_000, 4 * ONE, AGGRESSIVE_SELL);
        assertThat(w.ratePerSec(10_000)).hasValue(0.2); // trades at 1 and 10000
        assertThat(w.netFlow(10_000)).hasValue(-2.0);
        assertThat(w.netFlow(30_000)).hasValue(-1.0);
        w.add(4, 30_000, ONE, AGGRESSIVE_BUY); // retention 30 s: trade at 0 evicted, trade at 1 kept
        assertThat(w.size()).isEqualTo(3);
        assertThat(w.netFlow(30_000)).hasValue(-1.0);
    }

    @Test
    @DisplayName("empty window after trades: real observed zeros")
    void emptyWindowIsZero() {
        w.add(1, 0, ONE, AGGRESSIVE_BUY);
        w.advanceTo(60_000);
        assertThat(w.size()).isZero();
        assertThat(w.ratePerSec(10_000)).hasValue(0.0);
        assertThat(w.netFlow(30_000)).hasValue(0.0);
    }

    @Test
    @DisplayName("re-delivered trade (id <= last id) is ignored")
    void idempotent() {
        assertThat(w.add(7, 1000, ONE, AGGRESSIVE_BUY)).isTrue();
        assertThat(w.add(7, 1000, ONE, AGGRESSIVE_BUY)).isFalse();
        assertThat(w.add(6, 1000, ONE, AGGRESSIVE_BUY)).isFalse();
        assertThat(w.ignoredCount()).isEqualTo(2);
        assertThat(w.netFlow(30_000)).hasValue(1.0);
    }

    @Test
    @DisplayName("out-of-order older event time is counted at the newest time")
    void outOfOrderTime() {
        w.add(1, 20_000, ONE, AGGRESSIVE_BUY);
        w.add(2, 5_000, ONE, AGGRESSIVE_BUY);
        assertThat(w.ratePerSec(10_000)).hasValue(0.2);
        assertThat(w.newestEventTimeMs()).isEqualTo(20_000);
    }

    @Test
    @DisplayName("random stream matches a brute-force count (ring wraps and grows, fixed seed)")
    void matchesBruteForce() {
        TradeWindow small = new TradeWindow(30_000, 4);
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(99);
        java.util.List<long[]> all = new java.util.ArrayList<>(); // {time, signed qty}
        long t = 1_700_000_000_000L;
        for (int id = 0; id < 5_000; id++) {
            t += rnd.nextInt(rnd.nextInt(10) == 0 ? 5_000 : 300);
            long q = 1 + rnd.nextInt(10_000_000);
            boolean sell = rnd.nextBoolean();
            small.add(id, t, q, sell);
            all.add(new long[] {t, sell ? -q : q});
            if (id % 37 == 0) {
                for (long win : new long[] {10_000, 30_000}) {
                    long n = 0;
                    long flow = 0;
                    for (long[] e : all) {
                        if (e[0] > t - win) {
                            n++;
                            flow += e[1];
                        }
                    }
                    assertThat(small.ratePerSec(win).getAsDouble()).isEqualTo(n / (win / 1000.0));
                    assertThat(small.netFlow(win).getAsDouble()).isEqualTo(Decimals.toDouble(flow));
                }
            }
        }
    }

    @Test
    @DisplayName("window longer than the retention is rejected")
    void rejectsLongWindow() {
        assertThatThrownBy(() -> w.ratePerSec(60_000)).isInstanceOf(IllegalArgumentException.class);
    }
}
