package io.context8.metrics;

import static io.context8.metrics.Books.q;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DetectorsTest {

    private final SpoofingDetector spoof = new SpoofingDetector(60_000, 5, 2_000, 10_000, 2_000, 0.2, 20_000, 0.75, 3, 6, 12);

    @Test
    @DisplayName("spoofing: 6 large bids 2% below mid placed and pulled without prints in 60 s is medium, with evidence")
    void spoofingMedium() {
        for (int i = 0; i < 6; i++) {
            assertThat(spoof.onLevel(true, q("98"), 0, q("20"), i * 5_000, 100, 1, q("10"))).as("placed").isFalse();
            assertThat(spoof.onLevel(true, q("98"), q("20"), 0, 1_000 + i * 5_000, 100, 1, q("10"))).isTrue();
        }
        Anomaly a = spoof.evaluate(30_000);
        assertThat(a.type()).isEqualTo("spoofing");
        assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(a.evidence()).containsEntry("cancels", 6).containsEntry("max_qty", 20.0)
                .containsEntry("bid_cancels", 6);
        assertThat((Double) a.evidence().get("mean_distance_bps")).isEqualTo(200.0);
        assertThat(spoof.evaluate(100_000)).as("all older than the window").isNull();
    }

    @Test
    @DisplayName("spoofing: small, near-mid, partially shrunk, traded, long-resting or never-seen-placed levels are not pulls")
    void spoofingNot() {
        assertThat(spoof.onLevel(true, q("97"), q("20"), 0, 1_000, 100, 1, q("10"))).as("placement not seen").isFalse();
        spoof.onLevel(true, q("96"), 0, q("20"), 0, 100, 1, q("10"));
        assertThat(spoof.onLevel(true, q("96"), q("20"), 0, 20_000, 100, 1, q("10"))).as("rested 20 s").isFalse();
        spoof.onLevel(true, q("98"), 0, q("20"), 500, 100, 1, q("10"));
        spoof.onLevel(true, q("99.95"), 0, q("20"), 500, 100, 1, q("10"));
        assertThat(spoof.onLevel(true, q("98"), q("5"), 0, 1_000, 100, 1, q("10"))).as("small").isFalse();
        assertThat(spoof.onLevel(true, q("99.95"), q("20"), 0, 1_000, 100, 1, q("10"))).as("5 bps").isFalse();
        assertThat(spoof.onLevel(true, q("98"), q("20"), q("15"), 1_000, 100, 1, q("10"))).as("shrunk by 5").isFalse();
        spoof.onTrade(1_500, q("98"));
        assertThat(spoof.onLevel(true, q("98"), q("20"), 0, 2_000, 100, 1, q("10"))).as("printed").isFalse();
        assertThat(spoof.onLevel(true, q("98"), q("20"), 0, 2_000, 100, 1, 0)).as("no threshold yet").isFalse();
        assertThat(spoof.evaluate(2_000)).isNull();
    }

    /** Places and pulls a 20 lot bid at {@code price} at {@code t} and {@code t + 1 s}; spread 1 bps, mid 100. */
    private void placeAndPull(SpoofingDetector d, boolean bid, String price, long t) {
        d.onLevel(bid, q(price), 0, q("20"), t, 100, 1, q("10"));
        d.onLevel(bid, q(price), q("20"), 0, t + 1_000, 100, 1, q("10"));
    }

    @Test
    @DisplayName("spoofing: a re-quote (the same size re-placed at another price within 2 s, before or after the pull) is not a cancel")
    void spoofingRequoteIsNotACancel() {
        String[] prices = {"102", "102.3", "102.6"};
        String[] sizes = {"20", "19", "21"};
        for (int k = 0; k < 48; k++) { // a market maker moving one ~20 lot ask 2% from mid every second for 48 s
            long t = k * 1_000L;
            String px = prices[k % 3];
            String qty = sizes[k % 3];
            if (k > 0 && k % 2 == 0) { // the pull first, the re-placement after it in the same diff
                spoof.onLevel(false, q(prices[(k - 1) % 3]), q(sizes[(k - 1) % 3]), 0, t, 100, 1, q("10"));
                spoof.onLevel(false, q(px), 0, q(qty), t, 100, 1, q("10"));
            } else { // the re-placement first, then the pull
                spoof.onLevel(false, q(px), 0, q(qty), t, 100, 1, q("10"));
                if (k > 0) {
                    spoof.onLevel(false, q(prices[(k - 1) % 3]), q(sizes[(k - 1) % 3]), 0, t, 100, 1, q("10"));
                }
            }
        }
        assertThat(spoof.evaluate(50_000)).as("re-quotes only").isNull();
        SpoofingDetector other = new SpoofingDetector(60_000, 5, 2_000, 10_000, 2_000, 0.2, 20_000, 0.75, 3, 6, 12);
        for (int i = 0; i < 6; i++) { // a different size at the new price is a new order, not the same one moved
            long t = i * 5_000L;
            other.onLevel(false, q("102"), 0, q("20"), t, 100, 1, q("10"));
            other.onLevel(false, q("102"), q("20"), 0, t + 1_000, 100, 1, q("10"));
            other.onLevel(false, q("102.5"), 0, q("40"), t + 1_000, 100, 1, q("10"));
            other.onLevel(false, q("102.5"), q("40"), 0, t + 4_000, 100, 1, q("10"));
        }
        Anomaly a = other.evaluate(30_000);
        // every pull counts, the 20s and the 40s, but the last one (29 s) is younger than the re-quote window
        assertThat(a.evidence()).containsEntry("requotes", 0).containsEntry("cancels", 11);
    }

    @Test
    @DisplayName("spoofing: 12 pulls within 6 s (not persisted) or on both sides (not one-sided) stay low; a pull younger than the re-quote window is not counted yet")
    void spoofingNeedsPersistenceAndOneSide() {
        for (int i = 0; i < 12; i++) {
            placeAndPull(spoof, true, "98", i * 400L);
        }
        Anomaly burst = spoof.evaluate(10_000);
        assertThat(burst.severity()).isEqualTo(Severity.LOW);
        assertThat(burst.evidence()).containsEntry("cancels", 12).containsEntry("persisted", false)
                .containsEntry("one_sided", true);
        SpoofingDetector both = new SpoofingDetector(60_000, 5, 2_000, 10_000, 2_000, 0.2, 20_000, 0.75, 3, 6, 12);
        for (int i = 0; i < 12; i++) {
            placeAndPull(both, i % 2 == 0, i % 2 == 0 ? "98" : "102", i * 3_000L);
        }
        Anomaly twoSided = both.evaluate(40_000);
        assertThat(twoSided.severity()).isEqualTo(Severity.LOW);
        assertThat(twoSided.evidence()).containsEntry("persisted", true).containsEntry("one_sided", false)
                .containsEntry("dominant_side_share", 0.5);
        SpoofingDetector young = new SpoofingDetector(60_000, 5, 2_000, 10_000, 2_000, 0.2, 20_000, 0.75, 3, 6, 12);
        for (int i = 0; i < 3; i++) {
            placeAndPull(young, true, "98", i * 1_000L);
        }
        assertThat(young.evaluate(3_500)).as("the last pull (3 s) is 0.5 s old").isNull();
        assertThat(young.evaluate(5_000).evidence()).containsEntry("cancels", 3);
    }

    @Test
    @DisplayName("spoofing: distance is in the symbol's own spreads: 3 bps is 3 spreads on a 1 bps market (too near) and 300 on a 0.01 bps one (counted)")
    void spoofingDistanceInSpreads() {
        for (int i = 0; i < 3; i++) {
            long t = i * 5_000L;
            assertThat(spoof.onLevel(true, q("99.97"), 0, q("20"), t, 100, 1, q("10"))).isFalse();
            assertThat(spoof.onLevel(true, q("99.97"), q("20"), 0, t + 1_000, 100, 1, q("10"))).as("3 spreads").isFalse();
        }
        SpoofingDetector tight = new SpoofingDetector(60_000, 5, 2_000, 10_000, 2_000, 0.2, 20_000, 0.75, 3, 6, 12);
        for (int i = 0; i < 3; i++) {
            long t = i * 5_000L;
            tight.onLevel(true, q("99.97"), 0, q("20"), t, 100, 0.01, q("10"));
            assertThat(tight.onLevel(true, q("99.97"), q("20"), 0, t + 1_000, 100, 0.01, q("10"))).as("300 spreads").isTrue();
        }
        Anomaly a = tight.evaluate(20_000);
        assertThat((Double) a.evidence().get("mean_distance_spreads")).isCloseTo(300.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(a.evidence()).containsEntry("typical_spread_bps", 0.01).containsEntry("size_threshold_qty", 10.0);
    }

    @Test
    @DisplayName("iceberg: 10 fills of 0.5 over 4.5 s at an ask that stays at 1 visible: 5x executed vs visible, medium")
    void iceberg() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 3_000, 8);
        for (int i = 0; i < 10; i++) {
            d.onTrade(1_000 + i * 500, q("101"), q("0.5"), true, q("1"));
            d.onLevel(false, q("101"), q("0.5"), q("1")); // refilled
        }
        List<Anomaly> out = new ArrayList<>();
        d.evaluate(6_000, 3, out);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("iceberg");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.evidence()).containsEntry("fills", 10).containsEntry("executed_qty", 5.0)
                    .containsEntry("max_visible_qty", 1.0).containsEntry("side", "ask").containsEntry("refills", 10)
                    .containsEntry("persisted", true);
        });
    }

    @Test
    @DisplayName("iceberg: one market order sweeping 30 small resting orders at one bid in 29 ms (15x visible) is low: not persisted")
    void icebergSweepStaysLow() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 3_000, 8);
        for (int i = 0; i < 30; i++) {
            d.onTrade(1_000 + i, q("99"), q("0.5"), false, q("1"));
        }
        List<Anomaly> out = new ArrayList<>();
        d.evaluate(2_000, 3, out);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.evidence()).containsEntry("fills", 30).containsEntry("persisted", false)
                    .containsEntry("executed_to_visible", 15.0);
        });
    }

    @Test
    @DisplayName("iceberg: an ordinary level eaten away, too few fills, or a stale episode is not reported")
    void icebergNot() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 3_000, 8);
        for (int i = 0; i < 10; i++) { // 10 x 0.1 from a visible 1.0, shrinking to 0
            d.onTrade(1_000 + i, q("101"), q("0.1"), true, q("1") - i * q("0.1"));
            d.onLevel(false, q("101"), q("1") - i * q("0.1"), q("1") - (i + 1) * q("0.1"));
        }
        for (int i = 0; i < 3; i++) {
            d.onTrade(1_000 + i, q("99"), q("5"), false, q("1"));
        }
        List<Anomaly> out = new ArrayList<>();
        d.evaluate(2_000, 3, out);
        assertThat(out).isEmpty();
    }

    @Test
    @DisplayName("iceberg: executed 20x what was visible but only 6 fills is low (severity needs the fills to agree)")
    void icebergFewFillsStaysLow() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 3_000, 8);
        for (int i = 0; i < 6; i++) {
            d.onTrade(1_000 + i * 1_000, q("101"), q("3"), true, q("1"));
        }
        List<Anomaly> out = new ArrayList<>();
        d.evaluate(7_000, 3, out);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.severity()).isEqualTo(Severity.LOW);
            assertThat(a.evidence()).containsEntry("fills", 6).containsEntry("executed_to_visible", 18.0);
        });
    }

    @Test
    @DisplayName("flash-crash risk: the spread signal is judged by the symbol's own spreads: 0.002 -> 0.02 bps fires, a spread within its usual range does not")
    void flashCrashSpreadScaleFree() {
        FlashCrashRisk tight = new FlashCrashRisk(60_000, 3, 0.99, 600, 0.5, 0.7, 1.5);
        for (int i = 0; i < 60; i++) {
            tight.sample(i * 1_000, 0.002, 1_000_000);
        }
        Anomaly a = tight.evaluate(61_000, 0.02, 1_000_000, false, 5, 5, 5, 5);
        assertThat(a.evidence()).containsEntry("spread_widening", true).containsEntry("signals", 1);
        assertThat((Double) a.evidence().get("spread_quantile_bps")).isEqualTo(0.002);
        FlashCrashRisk noisy = new FlashCrashRisk(60_000, 3, 0.99, 600, 0.5, 0.7, 1.5);
        for (int i = 0; i < 60; i++) { // mostly 1 bps, every tenth sample 10 bps: 10 bps is usual here
            noisy.sample(i * 1_000, i % 10 == 0 ? 10 : 1, 1_000_000);
        }
        assertThat(noisy.evaluate(61_000, 8, 1_000_000, false, 5, 5, 5, 5)).as("8 bps <= its P99").isNull();
    }

    @Test
    @DisplayName("flash-crash risk: calm gives nothing; spread x5, bid depth halved and net flow -2 then -9 give high")
    void flashCrash() {
        FlashCrashRisk f = new FlashCrashRisk(60_000, 3, 0.99, 600, 0.5, 0.7, 1.5);
        for (int i = 0; i < 60; i++) {
            assertThat(f.evaluate(i * 1_000, 1.0, 1_000_000, false, 5, 5, 5, 5)).isNull();
            f.sample(i * 1_000, 1.0, 1_000_000);
        }
        Anomaly a = f.evaluate(61_000, 5.0, 300_000, false, 1, 10, 1, 3);
        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.evidence()).containsEntry("signals", 3).containsEntry("spread_widening", true)
                .containsEntry("thin_book", true).containsEntry("accelerating_selling", true);
        Anomaly one = new FlashCrashRisk(60_000, 3, 0.99, 600, 0.5, 0.7, 1.5).evaluate(0, 1, 1, true, 0, 0, 0, 0);
        assertThat(one.severity()).isEqualTo(Severity.LOW);
    }
}
