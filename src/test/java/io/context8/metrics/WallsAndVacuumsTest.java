package io.context8.metrics;

import static io.context8.metrics.Books.book;
import static io.context8.metrics.Books.levels;
import static io.context8.metrics.Books.none;
import static io.context8.metrics.Books.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.context8.book.OrderBook;

class WallsAndVacuumsTest {

    private final List<Walls.Wall> walls = new ArrayList<>();
    private final List<Vacuums.Vacuum> vacuums = new ArrayList<>();

    @Test
    @DisplayName("threshold = max(P95 x factor, minimum); minimum alone without observations")
    void threshold() {
        assertThat(Walls.threshold(q("2"), 1.5, q("1"))).isEqualTo(q("3"));
        assertThat(Walls.threshold(q("2"), 1.5, q("5"))).isEqualTo(q("5"));
        assertThat(Walls.threshold(Long.MIN_VALUE, 1.5, q("5"))).isEqualTo(q("5"));
    }

    @Test
    @DisplayName("known wall: the 50 lot bid 1% below mid is found with its distance and severity; others are not")
    void knownWall() {
        OrderBook b = book(levels("100:1", "99.5:1.2", "99:50", "98:2"), levels("101:1", "102:13"));
        double mid = 100.5;
        Walls.find(b, true, q("10"), mid, 500, 5, 2, 4, walls);
        Walls.find(b, false, q("10"), mid, 500, 5, 2, 4, walls);
        assertThat(walls).hasSize(2);
        Walls.Wall w = walls.get(0);
        assertThat(w.bid()).isTrue();
        assertThat(w.price()).isEqualTo(99.0);
        assertThat(w.qty()).isEqualTo(50.0);
        assertThat(w.distanceBps()).isCloseTo((100.5 - 99) / 100.5 * 1e4, within(1e-9));
        assertThat(w.severity()).isEqualTo(Severity.HIGH); // 5x the threshold
        assertThat(walls.get(1).severity()).isEqualTo(Severity.LOW); // 1.3x
    }

    @Test
    @DisplayName("walls: empty side and one level below the threshold find nothing; beyond the distance limit is ignored")
    void wallEdges() {
        Walls.find(book(none(), levels("101:1")), true, q("10"), 100.5, 500, 5, 2, 4, walls);
        Walls.find(book(levels("100:1"), levels("101:1")), true, q("10"), 100.5, 500, 5, 2, 4, walls);
        Walls.find(book(levels("100:1", "50:99"), levels("101:1")), true, q("10"), 100.5, 500, 5, 2, 4, walls);
        assertThat(walls).isEmpty();
    }

    @Test
    @DisplayName("walls: at most max per side, largest first")
    void wallsCapped() {
        OrderBook b = book(levels("100:20", "99:40", "98:30", "97:10"), none());
        Walls.find(b, true, q("10"), 100, 1000, 2, 2, 4, walls);
        assertThat(walls).extracting(Walls.Wall::qty).containsExactly(40.0, 30.0);
    }

    @Test
    @DisplayName("known vacuum: the thin stretch between 99 and 95 (thin levels and an empty gap) is one merged range; the 1-wide gap 100-99 is below the minimum width")
    void knownVacuum() {
        // thin = 0.5: 98.5 and 97 are thin, 96 missing entirely; 99 and 95 are thick
        OrderBook b = book(levels("100:2", "99:2", "98.5:0.1", "97:0.2", "95:3", "94.99:3"), levels("101:1"));
        double mid = 100.5;
        Vacuums.find(b, true, q("0.5"), mid, 1000, 150, 100, 300, 5, vacuums);
        assertThat(vacuums).hasSize(1);
        Vacuums.Vacuum v = vacuums.get(0);
        assertThat(v.bid()).isTrue();
        assertThat(v.from()).isEqualTo(99.0);
        assertThat(v.to()).isEqualTo(95.0);
        assertThat(v.thinLevels()).isEqualTo(2);
        assertThat(v.widthBps()).isCloseTo(4 / mid * 1e4, within(1e-9));
        assertThat(v.severity()).isEqualTo(Severity.HIGH); // ~398 bps >= 300
    }

    @Test
    @DisplayName("vacuums: empty side, one level, and a dense thick book find none")
    void vacuumEdges() {
        Vacuums.find(book(none(), levels("101:1")), true, q("0.5"), 100.5, 1000, 2, 5, 20, 5, vacuums);
        Vacuums.find(book(levels("100:1"), none()), true, q("0.5"), 100.5, 1000, 2, 5, 20, 5, vacuums);
        Vacuums.find(book(levels("100:1", "99.99:1", "99.98:1"), none()), true, q("0.5"), 100, 1000, 2, 5, 20, 5,
                vacuums);
        assertThat(vacuums).isEmpty();
    }

    @Test
    @DisplayName("vacuum at the end of the walked book is open-ended at the last thin level")
    void openEnded() {
        OrderBook b = book(none(), levels("100:2", "100.5:0.1", "103:0.1"));
        Vacuums.find(b, false, q("0.5"), 99.9, 1000, 2, 100, 300, 5, vacuums);
        assertThat(vacuums).singleElement().satisfies(v -> {
            assertThat(v.from()).isEqualTo(100.0);
            assertThat(v.to()).isEqualTo(103.0);
            assertThat(v.thinLevels()).isEqualTo(2);
        });
    }
}
