package io.context8.book;

import java.util.Arrays;

/**
 * A reusable list of (price, qty) levels as parallel primitive arrays, used to hand the levels of one diff
 * or snapshot to {@link BookSynchronizer} without allocating. Grows (allocates) only when a message has more
 * levels than ever seen before.
 */
public final class LevelBuffer {

    private long[] prices;
    private long[] qtys;
    private int count;

    public LevelBuffer() {
        this(64);
    }

    public LevelBuffer(int initialCapacity) {
        int cap = Math.max(1, initialCapacity);
        prices = new long[cap];
        qtys = new long[cap];
    }

    /** Appends a level (scaled longs); allocates only when the arrays grow. */
    public LevelBuffer add(long price, long qty) {
        if (count == prices.length) {
            int cap = prices.length * 2;
            prices = Arrays.copyOf(prices, cap);
            qtys = Arrays.copyOf(qtys, cap);
        }
        prices[count] = price;
        qtys[count] = qty;
        count++;
        return this;
    }

    /** Forgets every level, keeping the arrays. */
    public LevelBuffer clear() {
        count = 0;
        return this;
    }

    /** Replaces the content with a copy of {@code other}'s levels. */
    public void copyFrom(LevelBuffer other) {
        clear();
        for (int i = 0; i < other.count; i++) {
            add(other.prices[i], other.qtys[i]);
        }
    }

    public int count() {
        return count;
    }

    public long price(int i) {
        checkIndex(i);
        return prices[i];
    }

    public long qty(int i) {
        checkIndex(i);
        return qtys[i];
    }

    /** Applies every level to one side of a book, in order. */
    public void applyTo(OrderBook book, boolean bid) {
        for (int i = 0; i < count; i++) {
            book.apply(bid, prices[i], qtys[i]);
        }
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("level " + i + " of " + count);
        }
    }
}
