package io.context8.book;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reference {@link OrderBook} on two {@link TreeMap}s: obviously correct, slow, and allocating (boxing on
 * every update, an iterator and O(i) walk per {@link #priceAt}). For tests and benchmarks only.
 */
public final class NaiveOrderBook implements OrderBook {

    private final NavigableMap<Long, Long> bids = new TreeMap<>(Collections.reverseOrder());
    private final NavigableMap<Long, Long> asks = new TreeMap<>();

    @Override
    public void apply(boolean bid, long price, long qty) {
        OrderBook.checkLevel(price, qty);
        NavigableMap<Long, Long> side = bid ? bids : asks;
        if (qty == 0) {
            side.remove(price);
        } else {
            side.put(price, qty);
        }
    }

    @Override
    public void clear() {
        bids.clear();
        asks.clear();
    }

    @Override
    public int levels(boolean bid) {
        return (bid ? bids : asks).size();
    }

    @Override
    public long priceAt(boolean bid, int i) {
        return entry(bid, i).getKey();
    }

    @Override
    public long qtyAt(boolean bid, int i) {
        return entry(bid, i).getValue();
    }

    private Map.Entry<Long, Long> entry(boolean bid, int i) {
        NavigableMap<Long, Long> side = bid ? bids : asks;
        if (i < 0 || i >= side.size()) {
            throw new IndexOutOfBoundsException("level " + i + " of " + side.size());
        }
        Iterator<Map.Entry<Long, Long>> it = side.entrySet().iterator();
        for (int k = 0; k < i; k++) {
            it.next();
        }
        return it.next();
    }
}
