package io.context8.market;

/**
 * OHLCV candles of one interval built from trades: a ring of the last {@code capacity} candles (open time,
 * open/high/low/close as scaled prices, volume as scaled base quantity, trade count), and which of them
 * changed since the last {@link #markFlushed()}. A candle covers {@code [openTime, openTime + interval)} on
 * exchange time, aligned to multiples of the interval since the epoch (as Binance klines). Intervals with no
 * trade have no candle (none is invented). A trade older than the newest candle's open time is added to the
 * newest candle when it is still inside the retained range of that candle, and otherwise ignored (a stream
 * out of order by more than one interval; Binance trade times are monotone). Allocation-free. Not thread-safe.
 */
public final class CandleSeries {

    private final long intervalMs;
    private final long[] openTimes;
    private final long[] opens;
    private final long[] highs;
    private final long[] lows;
    private final long[] closes;
    private final long[] volumes;
    private final long[] counts;
    private int next;
    private int size;
    /** Candles (from the newest) changed since the last flush. */
    private int dirty;

    public CandleSeries(long intervalMs, int capacity) {
        if (intervalMs < 1 || capacity < 1) {
            throw new IllegalArgumentException("intervalMs and capacity must be >= 1");
        }
        this.intervalMs = intervalMs;
        openTimes = new long[capacity];
        opens = new long[capacity];
        highs = new long[capacity];
        lows = new long[capacity];
        closes = new long[capacity];
        volumes = new long[capacity];
        counts = new long[capacity];
    }

    public long intervalMs() {
        return intervalMs;
    }

    /** Adds a trade at exchange time {@code timeMs}; price and qty scaled by {@code 1e8}. False when ignored. */
    public boolean add(long timeMs, long price, long qty) {
        long open = Math.floorDiv(timeMs, intervalMs) * intervalMs;
        if (size > 0) {
            int newest = slot(0);
            if (open < openTimes[newest]) {
                return false;
            }
            if (open == openTimes[newest]) {
                highs[newest] = Math.max(highs[newest], price);
                lows[newest] = Math.min(lows[newest], price);
                closes[newest] = price;
                volumes[newest] += qty;
                counts[newest]++;
                dirty = Math.max(dirty, 1);
                return true;
            }
        }
        openTimes[next] = open;
        opens[next] = price;
        highs[next] = price;
        lows[next] = price;
        closes[next] = price;
        volumes[next] = qty;
        counts[next] = 1;
        next = (next + 1) % openTimes.length;
        size = Math.min(size + 1, openTimes.length);
        dirty = Math.min(dirty + 1, openTimes.length);
        return true;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return openTimes.length;
    }

    /** Number of candles, counted from the newest, that changed since the last flush. */
    public int dirty() {
        return dirty;
    }

    public void markFlushed() {
        dirty = 0;
    }

    private int slot(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return Math.floorMod(next - 1 - i, openTimes.length);
    }

    /** Open time of candle {@code i} counted from the newest (0 = newest, possibly still open). */
    public long openTime(int i) {
        return openTimes[slot(i)];
    }

    public long open(int i) {
        return opens[slot(i)];
    }

    public long high(int i) {
        return highs[slot(i)];
    }

    public long low(int i) {
        return lows[slot(i)];
    }

    public long close(int i) {
        return closes[slot(i)];
    }

    public long volume(int i) {
        return volumes[slot(i)];
    }

    public long trades(int i) {
        return counts[slot(i)];
    }
}
