package io.context8.metrics;

import static io.context8.metrics.Books.book;
import static io.context8.metrics.Books.levels;
import static io.context8.metrics.Books.none;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import io.context8.book.OrderBook;

class DepthBandsTest {

    private static final double[] PCT = {0.1, 0.5, 1, 2};
    private final double[] qty = new double[4];
    private final double[] notional = new double[4];

    @Test
    @DisplayName("cumulative depth per band: levels at 0.05%, 0.3%, 0.8%, 1.5% and 3% of mid")
    void bands() {
        OrderBook b = book(levels("999.5:1", "997:2", "992:3", "985:4", "970:100"), levels("1000.5:1"));
        DepthBands.cumulative(b, true, 1000, PCT, qty, notional);
        assertThat(qty).containsExactly(1, 3, 6, 10);
        assertThat(notional[0]).isCloseTo(999.5, within(1e-9));
        assertThat(notional[3]).isCloseTo(999.5 + 2 * 997 + 3 * 992 + 4 * 985, within(1e-6));
    }

    @Test
    @DisplayName("empty side: zero depth in every band")
    void emptySide() {
        DepthBands.cumulative(book(none(), levels("101:1")), true, 100, PCT, qty, notional);
        assertThat(qty).containsOnly(0);
    }

    @Test
    @DisplayName("slippage of a buy walks the asks: 150 quote over 1@100 and 1@110 has VWAP 150/1.4545..")
    void slippageBuy() {
        OrderBook b = book(levels("99:10"), levels("100:1", "110:1"));
        double mid = 99.5;
        double vwap = 150 / (1 + 50 / 110.0);
        assertThat(DepthBands.slippageBps(b, true, 150, mid)).hasValueCloseTo((vwap - mid) / mid * 1e4, within(1e-9));
    }

    @Test
    @DisplayName("slippage of a sell inside the best level is half the spread")
    void slippageSellOneLevel() {
        OrderBook b = book(levels("99:10"), levels("101:10"));
        assertThat(DepthBands.slippageBps(b, false, 500, 100)).hasValueCloseTo(100.0, within(1e-9));
    }

    @Test
    @DisplayName("slippage: a side too thin for the order, or an empty side, has no value")
    void tooThin() {
        OrderBook b = book(levels("99:1"), none());
        assertThat(DepthBands.slippageBps(b, false, 1000, 100)).isEmpty();
        assertThat(DepthBands.slippageBps(b, true, 10, 100)).isEmpty();
    }

    @Test
    @DisplayName("crossed book: slippage is reported (may be negative), not clamped")
    void crossed() {
        OrderBook b = book(levels("101:10"), levels("100:10"));
        assertThat(DepthBands.slippageBps(b, true, 100, 100.5).getAsDouble()).isNegative();
    }
}
