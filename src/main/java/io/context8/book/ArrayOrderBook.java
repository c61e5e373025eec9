package io.context8.book;

import java.util.Arrays;

/**
 * Fast {@link OrderBook}: per side, two preallocated primitive arrays (key, quantity) sorted ascending by
 * key with the BEST level at the END, so that updates near the top of the book shift few elements. The key
 * is the price for bids and the negated price for asks, so "highest key = best" on both sides.
 *
 * <p>Updates cost a binary search plus a shift of the levels better than the updated one; no boxing and
 * no allocation, except when a side outgrows its arrays (they double; documented allocation).
 * Not thread-safe: one writer per symbol.
 */
public final class ArrayOrderBook implements OrderBook {

    /** Initial capacity per side when none is given (Binance REST snapshots carry up to 5000). */
    public static final int DEFAULT_CAPACITY = 1024;

    private final Side bids;
    private final Side asks;

    public ArrayOrderBook() {
        this(DEFAULT_CAPACITY);
    }

    /** A book with room for {@code initialCapacity} levels per side before it grows. */
    public ArrayOrderBook(int initialCapacity) {
        if (initialCapacity < 1) {
            throw new IllegalArgumentException("initialCapacity must be >= 1");
        }
        bids = new Side(initialCapacity);
        asks = new Side(initialCapacity);
    }

    @Override
    public void apply(boolean bid, long price, long qty) {
        OrderBook.checkLevel(price, qty);
        (bid ? bids : asks).apply(bid ? price : -price, qty);
    }

    @Override
    public void clear() {
        bids.size = 0;
        asks.size = 0;
    }

    @Override
    public int levels(boolean bid) {
        return (bid ? bids : asks).size;
    }

    @Override
    public long priceAt(boolean bid, int i) {
        Side s = bid ? bids : asks;
        long key = s.keys[s.index(i)];
        return bid ? key : -key;
    }

    @Override
    public long qtyAt(boolean bid, int i) {
        Side s = bid ? bids : asks;
        return s.qtys[s.index(i)];
    }

    /** O(log n): a binary search of the side. */
    @Override
    public long qtyAtPrice(boolean bid, long price) {
        Side s = bid ? bids : asks;
        int pos = s.search(bid ? price : -price);
        return pos >= 0 ? s.qtys[pos] : 0;
    }

    /** One loop over the side's arrays (best level at the end, asks stored negated). */
    @Override
    public void copyLevels(boolean bid, int from, int count, long[] prices, long[] qtys) {
        Side s = bid ? bids : asks;
        if (from < 0 || count < 0 || from + count > s.size) {
            throw new IndexOutOfBoundsException("levels " + from + ".." + (from + count) + " of " + s.size);
        }
        long[] keys = s.keys;
        long[] q = s.qtys;
        int top = s.size - 1;
        for (int i = from, end = from + count; i < end; i++) {
            long k = keys[top - i];
            prices[i] = bid ? k : -k;
            qtys[i] = q[top - i];
        }
    }

    /** Current array capacity of a side (for tests of growth). */
    int capacity(boolean bid) {
        return (bid ? bids : asks).keys.length;
    }

    private static final class Side {
        long[] keys;
        long[] qtys;
        int size;

        Side(int capacity) {
            keys = new long[capacity];
            qtys = new long[capacity];
        }

        int index(int level) {
            if (level < 0 || level >= size) {
                throw new IndexOutOfBoundsException("level " + level + " of " + size);
            }
            return size - 1 - level;
        }

        void apply(long key, long qty) {
            int pos = search(key);
            if (pos >= 0) {
                if (qty == 0) {
                    int tail = size - pos - 1;
                    if (tail > 0) {
                        System.arraycopy(keys, pos + 1, keys, pos, tail);
                        System.arraycopy(qtys, pos + 1, qtys, pos, tail);
                    }
                    size--;
                } else {
                    qtys[pos] = qty;
                }
                return;
            }
            if (qty == 0) {
                return; // delete of an absent level
            }
            int ins = -pos - 1;
            if (size == keys.length) {
                grow();
            }
            int tail = size - ins;
            if (tail > 0) {
                System.arraycopy(keys, ins, keys, ins + 1, tail);
                System.arraycopy(qtys, ins, qtys, ins + 1, tail);
            }
            keys[ins] = key;
            qtys[ins] = qty;
            size++;
        }

        /** Binary search biased to the top: checks the best end first, as most updates land there. */
        private int search(long key) {
            int lo = 0;
            int hi = size - 1;
            if (size > 0 && key > keys[hi]) {
                return -(size + 1); // new best level: insert at the end
            }
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                long k = keys[mid];
                if (k < key) {
                    lo = mid + 1;
                } else if (k > key) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        /** Doubles the arrays: allocates. */
        private void grow() {
            int cap = keys.length * 2;
            keys = Arrays.copyOf(keys, cap);
            qtys = Arrays.copyOf(qtys, cap);
        }
    }
}
