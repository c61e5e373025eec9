package io.context8.book;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArrayOrderBookTest extends OrderBookContractTest {
    @Override
    protected OrderBook newBook() {
        return new ArrayOrderBook(4); // small, so the contract also exercises growth
    }

    @Test
    void growsWhenFull() {
        ArrayOrderBook b = new ArrayOrderBook(2);
        for (int i = 1; i <= 5; i++) {
            b.apply(true, i * ONE, ONE);
        }
        assertThat(b.capacity(true)).isGreaterThanOrEqualTo(5);
        assertThat(b.levels(true)).isEqualTo(5);
        assertThat(b.bestBidPrice()).isEqualTo(5 * ONE);
    }
}
