package io.context8.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RollingQuantilesTest {

    @Test
    @DisplayName("empty window: no value (Long.MIN_VALUE)")
    void empty() {
        assertThat(new RollingQuantiles(8).quantile(0.95)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    @DisplayName("1..100: nearest-rank P95 = 95, P10 = 10, P100 = 100")
    void nearestRank() {
        RollingQuantiles q = new RollingQuantiles(100);
        for (int i = 100; i >= 1; i--) {
            q.add(i);
        }
        assertThat(q.quantile(0.95)).isEqualTo(95);
        assertThat(q.quantile(0.10)).isEqualTo(10);
        assertThat(q.quantile(1.0)).isEqualTo(100);
    }

    @Test
    @DisplayName("one value: every quantile is that value")
    void oneValue() {
        RollingQuantiles q = new RollingQuantiles(4);
        q.add(7);
        assertThat(q.quantile(0.1)).isEqualTo(7);
        assertThat(q.quantile(0.95)).isEqualTo(7);
    }

    @Test
    @DisplayName("the window rolls: only the last capacity values count")
    void rolls() {
        RollingQuantiles q = new RollingQuantiles(10);
        for (int i = 1; i <= 20; i++) {
            q.add(i);
        }
        assertThat(q.size()).isEqualTo(10);
        assertThat(q.quantile(0.10)).isEqualTo(11);
        assertThat(q.quantile(1.0)).isEqualTo(20);
    }

    @Test
    @DisplayName("a quantile asked again is the kept one until the window changes, then recomputed")
    void keptUntilChanged() {
        RollingQuantiles q = new RollingQuantiles(10);
        for (int i = 1; i <= 10; i++) {
            q.add(i);
        }
        assertThat(q.quantile(0.95)).isEqualTo(10);
        assertThat(q.quantile(0.10)).isEqualTo(1);
        assertThat(q.quantile(0.50)).isEqualTo(5); // a third one replaces the oldest kept
        assertThat(q.quantile(0.95)).isEqualTo(10);
        q.add(100); // evicts 1
        assertThat(q.quantile(0.95)).isEqualTo(100);
        assertThat(q.quantile(0.10)).isEqualTo(2);
        q.clear();
        assertThat(q.quantile(0.10)).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    @DisplayName("quickselect equals sorting on random data with duplicates (fixed seed)")
    void matchesSort() {
        SplittableRandom rnd = new SplittableRandom(42);
        RollingQuantiles q = new RollingQuantiles(1000);
        long[] all = new long[1000];
        for (int i = 0; i < 1000; i++) {
            all[i] = rnd.nextInt(50);
            q.add(all[i]);
        }
        Arrays.sort(all);
        for (double p : new double[] {0.01, 0.1, 0.5, 0.95, 0.999}) {
            assertThat(q.quantile(p)).as("p=" + p).isEqualTo(all[(int) Math.ceil(p * 1000) - 1]);
        }
    }

    @Test
    @DisplayName("p outside (0, 1] is rejected")
    void rejectsP() {
        assertThatThrownBy(() -> new RollingQuantiles(2).quantile(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
