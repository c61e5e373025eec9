package io.context8.book;

class NaiveOrderBookTest extends OrderBookContractTest {
    @Override
    protected OrderBook newBook() {
        return new NaiveOrderBook();
    }
}
