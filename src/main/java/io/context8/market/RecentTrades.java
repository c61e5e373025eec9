package io.context8.market;

/**
 * The latest trades of one symbol, in a ring of primitives (trade id, exchange time, scaled price and
 * quantity, aggressor side), and which of them were added since the last {@link #markFlushed()}. A trade
 * whose id is not above the last one seen is a re-delivery and ignored. Adding is O(1) and allocation-free.
 * Not thread-safe (the analytics consumer thread).
 */
public final class RecentTrades {

    private final long[] ids;
    private final long[] times;
    private final long[] prices;
    private final long[] qtys;
    private final boolean[] sells;
    private int next;
    private int size;
    private int unflushed;
    private long lastId = Long.MIN_VALUE;

    public RecentTrades(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        ids = new long[capacity];
        times = new long[capacity];
        prices = new long[capacity];
        qtys = new long[capacity];
        sells = new boolean[capacity];
    }

    /** Adds a trade (price and qty scaled by {@code 1e8}, {@code sell} = the aggressor sold); false if a re-delivery. */
    public boolean add(long tradeId, long timeMs, long price, long qty, boolean sell) {
        if (tradeId <= lastId) {
            return false;
        }
        lastId = tradeId;
        ids[next] = tradeId;
        times[next] = timeMs;
        prices[next] = price;
        qtys[next] = qty;
        sells[next] = sell;
        next = (next + 1) % ids.length;
        size = Math.min(size + 1, ids.length);
        unflushed = Math.min(unflushed + 1, ids.length);
        return true;
    }

    public int capacity() {
        return ids.length;
    }

    public int size() {
        return size;
    }

    /** Trades added since the last flush (at most the capacity). */
    public int unflushed() {
        return unflushed;
    }

    public void markFlushed() {
        unflushed = 0;
    }

    /** Index {@code i} counted from the NEWEST trade (0 = newest), {@code i < size()}. */
    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return Math.floorMod(next - 1 - i, ids.length);
    }

    public long id(int i) {
        return ids[slot(i)];
    }

    public long timeMs(int i) {
        return times[slot(i)];
    }

    public long price(int i) {
        return prices[slot(i)];
    }

    public long qty(int i) {
        return qtys[slot(i)];
    }

    public boolean sell(int i) {
        return sells[slot(i)];
    }
}
