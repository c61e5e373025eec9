package io.context8.metrics;

import static io.context8.metrics.Books.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.context8.book.ArrayOrderBook;
import io.context8.book.OrderBook;

class FlowAndProfileTest {

    @Test
    @DisplayName("OFI: bid queue grows (+2), ask steps down (-2), bid steps up (+1); evicted after the window")
    void ofi() {
        OrderBook b = new ArrayOrderBook(4);
        OrderFlowImbalance ofi = new OrderFlowImbalance(30_000, 2);
        b.apply(true, q("100"), q("1"));
        b.apply(false, q("101"), q("1"));
        ofi.observe(b, 1_000);
        assertThat(ofi.value()).isEmpty(); // the first top is only a reference
        b.apply(true, q("100"), q("3"));
        ofi.observe(b, 2_000);
        assertThat(ofi.value()).hasValue(2.0);
        b.apply(false, q("100.5"), q("2"));
        ofi.observe(b, 3_000);
        assertThat(ofi.value()).hasValue(0.0);
        b.apply(true, q("100.2"), q("1"));
        ofi.observe(b, 4_000);
        assertThat(ofi.value()).hasValue(1.0);
        assertThat(ofi.count()).isEqualTo(3);
        ofi.observe(b, 4_500); // unchanged top: no event
        assertThat(ofi.count()).isEqualTo(3);
        ofi.advanceTo(33_000); // (3_000, 33_000]: only the +1 of t=4000 is left
        assertThat(ofi.value()).hasValue(1.0);
        ofi.advanceTo(40_000);
        assertThat(ofi.value()).hasValue(0.0);
    }

    @Test
    @DisplayName("OFI: an empty side or a reset starts a new sequence (no jump counted)")
    void ofiReset() {
        OrderBook b = new ArrayOrderBook(4);
        OrderFlowImbalance ofi = new OrderFlowImbalance(30_000, 4);
        b.apply(true, q("100"), q("1"));
        ofi.observe(b, 1_000); // one-sided
        b.apply(false, q("101"), q("1"));
        ofi.observe(b, 2_000);
        ofi.reset();
        b.apply(true, q("100"), q("9"));
        ofi.observe(b, 3_000);
        assertThat(ofi.value()).isEmpty();
    }

    /** Bin size 1 at price 100 (100 bps of the first price). */
    private static VolumeProfile profile() {
        return new VolumeProfile(1_800_000, 100, 4);
    }

    @Test
    @DisplayName("known profile: POC 100.5 (bin [100,101)), value area [98, 103) by the two-bin expansion")
    void knownProfile() {
        VolumeProfile p = profile();
        String[][] trades = {{"100.2", "10"}, {"101.7", "8"}, {"102", "4"}, {"99.9", "3"}, {"98", "2"},
            {"97.5", "9"}, {"103.1", "1"}};
        long t = 1_000;
        for (String[] tr : trades) {
            p.add(t++, q(tr[0]), q(tr[1]));
        }
        VolumeProfile.Result r = new VolumeProfile.Result();
        p.compute(5, 0.70, r);
        assertThat(r.available).isTrue();
        assertThat(r.binSize).isEqualTo(1.0);
        assertThat(r.poc).isEqualTo(100.5);
        assertThat(r.val).isEqualTo(98.0);
        assertThat(r.vah).isEqualTo(103.0);
        assertThat(r.volume).isEqualTo(37.0);
        assertThat(r.valueAreaVolume).isEqualTo(27.0);
        assertThat(r.tradeCount).isEqualTo(7);
    }

    @Test
    @DisplayName("profile: too few trades give no profile and a reason")
    void tooFew() {
        VolumeProfile p = profile();
        p.add(1, q("100"), q("1"));
        VolumeProfile.Result r = new VolumeProfile.Result();
        p.compute(50, 0.7, r);
        assertThat(r.available).isFalse();
        assertThat(r.reason).contains("1 trades").contains("50");
    }

    @Test
    @DisplayName("profile: trades leave after the window; a far price re-centres the bins without losing volume")
    void rolling() {
        VolumeProfile p = profile();
        p.add(0, q("100"), q("5"));
        p.add(1_000, q("5000"), q("2")); // far outside the initial bin range
        p.add(2_000, q("100.5"), q("1"));
        VolumeProfile.Result r = new VolumeProfile.Result();
        p.compute(1, 0.7, r);
        assertThat(r.volume).isEqualTo(8.0);
        assertThat(r.poc).isEqualTo(100.5);
        p.advanceTo(1_800_000); // the trade at t=0 leaves
        p.compute(1, 0.7, r);
        assertThat(r.volume).isEqualTo(3.0);
        assertThat(r.poc).isEqualTo(5000.5);
    }

    @Test
    @DisplayName("bin size rounds to 1, 2 or 5 x 10^k")
    void niceStep() {
        assertThat(VolumeProfile.niceStep(6.1e8)).isEqualTo(500_000_000L);
        assertThat(VolumeProfile.niceStep(1.2e8)).isEqualTo(100_000_000L);
        assertThat(VolumeProfile.niceStep(2.9e3)).isEqualTo(2_000L);
        assertThat(VolumeProfile.niceStep(0.3)).isEqualTo(1L);
    }

    @Test
    @DisplayName("health: weights sum to 1; each component's normalization at its anchors; null counts 0")
    void health() {
        assertThat(HealthScore.W_SPREAD + HealthScore.W_DEPTH + HealthScore.W_BALANCE + HealthScore.W_FLOW
                + HealthScore.W_ANOMALIES + HealthScore.W_FRESHNESS).isCloseTo(1.0, within(1e-12));
        assertThat(HealthScore.spread(0.5, 1, 20)).isEqualTo(100);
        assertThat(HealthScore.spread(10.5, 1, 20)).isCloseTo(50, within(1e-9));
        assertThat(HealthScore.spread(-1, 1, 20)).isZero(); // crossed
        assertThat(HealthScore.depth(500_000, 2_000_000, 1_000_000)).isEqualTo(50);
        assertThat(HealthScore.balance(0)).isEqualTo(100);
        assertThat(HealthScore.balance(-1)).isZero();
        assertThat(HealthScore.flow(3, 1)).isCloseTo(50, within(1e-9));
        assertThat(HealthScore.flow(0, 0)).isEqualTo(100);
        assertThat(HealthScore.freshness(5_500, 1_000, 10_000)).isCloseTo(50, within(1e-9));
        assertThat(HealthScore.freshness(-1, 1_000, 10_000)).isNaN();
        assertThat(HealthScore.anomalies(java.util.List.of(
                new Anomaly("iceberg", Severity.MEDIUM, "", java.util.Map.of()),
                new Anomaly("spoofing", Severity.LOW, "", java.util.Map.of())))).isEqualTo(60);
        assertThat(HealthScore.score(100, 100, 100, 100, 100, 100)).isCloseTo(100, within(1e-9));
        assertThat(HealthScore.score(Double.NaN, 100, 100, 100, 100, 100)).isCloseTo(80, within(1e-9));
    }
}
