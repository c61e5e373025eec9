package io.context8.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BookMetricsTest {

    OrderBook book;

    @BeforeEach
    void setUp() {
        book = new ArrayOrderBook(8);
    }

    void bid(String price, String qty) {
        book.apply(true, Decimals.parse(price), Decimals.parse(qty));
    }

    void ask(String price, String qty) {
        book.apply(false, Decimals.parse(price), Decimals.parse(qty));
    }

    static double value(OptionalDouble d) {
        assertThat(d).isPresent();
        return d.getAsDouble();
    }

    @Test
    @DisplayName("empty book: every metric has no value, not crossed, not locked")
    void emptyBook() {
        assertThat(BookMetrics.mid(book)).isEmpty();
        assertThat(BookMetrics.spreadBps(book)).isEmpty();
        assertThat(BookMetrics.weightedMid(book)).isEmpty();
        assertThat(BookMetrics.depthQty(book, true, 10)).isEmpty();
        assertThat(BookMetrics.depthNotional(book, false, 10)).isEmpty();
        assertThat(BookMetrics.imbalance(book, 10)).isEmpty();
        assertThat(BookMetrics.crossed(book)).isFalse();
        assertThat(BookMetrics.locked(book)).isFalse();
    }

    @ParameterizedTest(name = "one-sided book (only {0}): no mid/spread, imbalance is +/-1")
    @ValueSource(strings = {"bids", "asks"})
    void oneSided(String side) {
        boolean bids = side.equals("bids");
        if (bids) {
            bid("100", "2");
        } else {
            ask("100", "2");
        }
        assertThat(BookMetrics.mid(book)).isEmpty();
        assertThat(BookMetrics.spreadBps(book)).isEmpty();
        assertThat(BookMetrics.weightedMid(book)).isEmpty();
        assertThat(value(BookMetrics.imbalance(book, 5))).isEqualTo(bids ? 1.0 : -1.0);
        assertThat(value(BookMetrics.depthQty(book, bids, 5))).isEqualTo(2.0);
        assertThat(BookMetrics.depthQty(book, !bids, 5)).isEmpty();
    }

    @Test
    @DisplayName("one level a side: mid, spread, weighted mid, depth")
    void oneLevel() {
        bid("100", "3");
        ask("101", "1");
        assertThat(value(BookMetrics.mid(book))).isEqualTo(100.5);
        assertThat(value(BookMetrics.spreadBps(book))).isCloseTo(1.0 / 100.5 * 1e4, within(1e-9));
        // (100 * 1 + 101 * 3) / 4: leans towards the ask when bids are heavier
        assertThat(value(BookMetrics.weightedMid(book))).isCloseTo(100.75, within(1e-12));
        assertThat(value(BookMetrics.depthQty(book, true, 10))).isEqualTo(3.0);
        assertThat(value(BookMetrics.depthNotional(book, false, 10))).isEqualTo(101.0);
        assertThat(value(BookMetrics.imbalance(book, 1))).isEqualTo(0.5);
    }

    @Test
    @DisplayName("crossed book: negative spread reported, flagged, not clamped")
    void crossed() {
        bid("101", "1");
        ask("100", "1");
        assertThat(BookMetrics.crossed(book)).isTrue();
        assertThat(BookMetrics.locked(book)).isFalse();
        assertThat(value(BookMetrics.spreadBps(book))).isCloseTo(-1.0 / 100.5 * 1e4, within(1e-9));
        assertThat(value(BookMetrics.mid(book))).isEqualTo(100.5);
    }

    @Test
    @DisplayName("locked book: zero spread, flagged locked, not crossed")
    void locked() {
        bid("100", "1");
        ask("100", "2");
        assertThat(BookMetrics.locked(book)).isTrue();
        assertThat(BookMetrics.crossed(book)).isFalse();
        assertThat(value(BookMetrics.spreadBps(book))).isZero();
        assertThat(value(BookMetrics.weightedMid(book))).isEqualTo(100.0);
    }

    @Test
    @DisplayName("balanced book: imbalance 0, weighted mid = mid")
    void balanced() {
        bid("100", "2");
        bid("99", "1");
        ask("101", "2");
        ask("102", "1");
        assertThat(value(BookMetrics.imbalance(book, 2))).isZero();
        assertThat(value(BookMetrics.weightedMid(book))).isEqualTo(value(BookMetrics.mid(book)));
    }

    @Test
    @DisplayName("deep book: depth counts only the top N levels")
    void deepBook() {
        for (int i = 0; i < 3000; i++) {
            book.apply(true, (50_000L - i) * Decimals.ONE, Decimals.ONE);
            book.apply(false, (50_001L + i) * Decimals.ONE, 2 * Decimals.ONE);
        }
        assertThat(value(BookMetrics.depthQty(book, true, 10))).isEqualTo(10.0);
        assertThat(value(BookMetrics.depthQty(book, false, 10))).isEqualTo(20.0);
        assertThat(value(BookMetrics.depthQty(book, true, 5000))).isEqualTo(3000.0);
        // sum_{i<10} (50000 - i) = 500000 - 45
        assertThat(value(BookMetrics.depthNotional(book, true, 10))).isEqualTo(499_955.0);
        assertThat(value(BookMetrics.imbalance(book, 10))).isCloseTo(-1.0 / 3, within(1e-12));
    }

    @Test
    @DisplayName("N < 1 is rejected")
    void rejectsBadN() {
        assertThatThrownBy(() -> BookMetrics.imbalance(book, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BookMetrics.depthQty(book, true, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
