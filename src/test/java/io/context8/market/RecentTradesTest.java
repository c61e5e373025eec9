package io.context8.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentTradesTest {

    @Test
    void newestFirstAndBoundedByCapacity() {
        RecentTrades t = new RecentTrades(3);
        for (int id = 1; id <= 5; id++) {
            t.add(id, 1000L * id, 100L * id, 10L, id % 2 == 0);
        }
        assertThat(t.size()).isEqualTo(3);
        assertThat(t.id(0)).isEqualTo(5);
        assertThat(t.id(2)).isEqualTo(3);
        assertThat(t.price(1)).isEqualTo(400);
        assertThat(t.sell(1)).isTrue();
        assertThat(t.unflushed()).isEqualTo(3);
    }

    @Test
    void redeliveredTradesAreIgnored() {
        RecentTrades t = new RecentTrades(4);
        assertThat(t.add(7, 1, 1, 1, false)).isTrue();
        assertThat(t.add(7, 1, 1, 1, false)).isFalse();
        assertThat(t.add(6, 1, 1, 1, false)).isFalse();
        assertThat(t.size()).isEqualTo(1);
    }

    @Test
    void unflushedCountsOnlyTradesSinceTheFlush() {
        RecentTrades t = new RecentTrades(4);
        t.add(1, 1, 1, 1, false);
        t.add(2, 1, 1, 1, false);
        t.markFlushed();
        assertThat(t.unflushed()).isZero();
        t.add(3, 1, 1, 1, true);
        assertThat(t.unflushed()).isEqualTo(1);
        assertThat(t.id(0)).isEqualTo(3);
    }
}
