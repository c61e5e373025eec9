package io.context8.metrics;

import io.context8.book.ArrayOrderBook;
import io.context8.book.Decimals;
import io.context8.book.OrderBook;

/** Constructed books for the metric tests: {@code "price:qty"} pairs per side. */
final class Books {

    private Books() {
    }

    static OrderBook book(String[] bids, String[] asks) {
        OrderBook b = new ArrayOrderBook(4);
        for (String l : bids) {
            String[] pq = l.split(":");
            b.apply(true, Decimals.parse(pq[0]), Decimals.parse(pq[1]));
        }
        for (String l : asks) {
            String[] pq = l.split(":");
            b.apply(false, Decimals.parse(pq[0]), Decimals.parse(pq[1]));
        }
        return b;
    }

    static String[] none() {
        return new String[0];
    }

    static String[] levels(String... l) {
        return l;
    }

    static long q(String s) {
        return Decimals.parse(s);
    }
}
