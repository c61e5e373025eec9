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

    @Test
    @DisplayName("iceberg: 10 fills of 0.5 at an ask that stays at 1 visible: 5x executed vs visible, medium")
    void iceberg() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 8);
        for (int i = 0; i < 10; i++) {
            d.onTrade(1_000 + i * 100, q("101"), q("0.5"), true, q("1"));
            d.onLevel(false, q("101"), q("0.5"), q("1")); // refilled
        }
        List<Anomaly> out = new ArrayList<>();
        d.evaluate(2_000, 3, out);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo("iceberg");
            assertThat(a.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(a.evidence()).containsEntry("fills", 10).containsEntry("executed_qty", 5.0)
                    .containsEntry("max_visible_qty", 1.0).containsEntry("side", "ask").containsEntry("refills", 10);
        });
    }

    @Test
    @DisplayName("iceberg: an ordinary level eaten away, too few fills, or a stale episode is not reported")
    void icebergNot() {
        IcebergDetector d = new IcebergDetector(60_000, 5, 2, 4, 8, 10, 20, 8);
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
