package io.context8.metrics;

import io.context8.book.Decimals;

/**
 * Rolling volume profile of trades over {@code windowMs} of exchange event time: traded quantity per price bin,
 * the point of control (POC, the bin with the most volume) and the value area (VAL..VAH) holding
 * {@code valueAreaShare} (70%) of the volume around the POC.
 *
 * <p>Bins: the bin size is fixed at the first trade as {@code binBps} of its price rounded to 1, 2 or 5 × 10^k
 * (so bins stay put while the price moves); bin {@code b} holds prices in {@code [b × size, (b+1) × size)}.
 *
 * <p>Value area: the CBOT Market Profile expansion: start from the POC; compare the volume of the next two bins
 * above with the next two below, add the larger pair (both on a tie; the remaining side alone once one side is
 * exhausted) until the share is reached. This two-bin variant is the one of the CBOT Market Profile handbook
 * that charting platforms reproduce; comparing pairs keeps a single thin bin from steering the expansion.
 *
 * <p>Cost: {@link #add} is O(1) amortized and allocation-free (primitive rings; the bin array is rebuilt,
 * allocating, only when a price falls outside its range); {@link #compute} is O(bins), once per report.
 * Not thread-safe.
 */
public final class VolumeProfile {

    /** A computed profile; prices in quote units, volume in base units. Reused by the caller. */
    public static final class Result {
        public boolean available;
        public String reason = "";
        public double binSize;
        public double poc;
        public double vah;
        public double val;
        public double volume;
        public double valueAreaVolume;
        public int tradeCount;
    }

    private final long windowMs;
    private final double binBps;
    private long binSize; // scaled; 0 until the first trade
    private long[] times;
    private long[] bins;
    private long[] qtys;
    private int head;
    private int size;
    private long newestMs = Long.MIN_VALUE;
    private long[] volume = new long[1024];
    private long base;

    public VolumeProfile(long windowMs, double binBps, int capacity) {
        if (windowMs < 1 || capacity < 1 || !(binBps > 0)) {
            throw new IllegalArgumentException("windowMs, capacity and binBps must be > 0");
        }
        this.windowMs = windowMs;
        this.binBps = binBps;
        this.times = new long[capacity];
        this.bins = new long[capacity];
        this.qtys = new long[capacity];
    }

    /** Adds a trade (scaled price and quantity) at exchange time {@code timeMs}; older times count as newest. */
    public void add(long timeMs, long price, long qty) {
        if (price <= 0 || qty < 0) {
            throw new IllegalArgumentException("price must be > 0 and qty >= 0");
        }
        if (binSize == 0) {
            binSize = niceStep(price * binBps / 1e4);
            base = price / binSize - volume.length / 2;
        }
        long t = Math.max(timeMs, newestMs);
        advanceTo(t);
        long bin = price / binSize;
        if (bin < base || bin >= base + volume.length) {
            rebuild(bin);
        }
        if (size == times.length) {
            growRing();
        }
        int idx = (head + size) % times.length;
        times[idx] = t;
        bins[idx] = bin;
        qtys[idx] = qty;
        size++;
        volume[(int) (bin - base)] += qty;
    }

    /** Moves the window's clock forward, evicting old trades (earlier times are ignored). */
    public void advanceTo(long timeMs) {
        if (timeMs <= newestMs) {
            return;
        }
        newestMs = timeMs;
        long limit = newestMs - windowMs;
        while (size > 0 && times[head] <= limit) {
            volume[(int) (bins[head] - base)] -= qtys[head];
            head = (head + 1) % times.length;
            size--;
        }
    }

    public int tradeCount() {
        return size;
    }

    /** Bin size in quote units, 0 before the first trade. */
    public double binSize() {
        return Decimals.toDouble(binSize);
    }

    /** Computes POC/VAH/VAL into {@code out}; unavailable (with a reason) below {@code minTrades} trades. */
    public void compute(int minTrades, double valueAreaShare, Result out) {
        out.tradeCount = size;
        out.binSize = Decimals.toDouble(binSize);
        long total = 0;
        int poc = -1;
        long best = 0;
        int lo = Integer.MAX_VALUE;
        int hi = -1;
        for (int i = 0; i < volume.length; i++) {
            long v = volume[i];
            if (v > 0) {
                total += v;
                lo = Math.min(lo, i);
                hi = i;
                if (v > best) {
                    best = v;
                    poc = i;
                }
            }
        }
        out.volume = Decimals.toDouble(total);
        if (size < Math.max(1, minTrades) || poc < 0) {
            out.available = false;
            out.reason = size + " trades in the last " + windowMs / 60_000.0 + " min (at least " + minTrades
                    + " needed, with a positive volume)";
            return;
        }
        double target = total * valueAreaShare;
        long inArea = volume[poc];
        int up = poc;
        int down = poc;
        while (inArea < target && (up < hi || down > lo)) {
            long above = pair(up, hi, +1);
            long below = pair(down, lo, -1);
            boolean canUp = up < hi;
            boolean canDown = down > lo;
            if (canUp && (!canDown || above >= below)) {
                inArea += above;
                up = Math.min(up + 2, hi);
            }
            if (canDown && (!canUp || below >= above)) {
                inArea += below;
                down = Math.max(down - 2, lo);
            }
        }
        out.available = true;
        out.reason = "";
        out.poc = center(poc);
        out.vah = Decimals.toDouble((base + up + 1) * binSize);
        out.val = Decimals.toDouble((base + down) * binSize);
        out.valueAreaVolume = Decimals.toDouble(inArea);
    }

    /** Volume of the next (up to) two bins beyond {@code from} in direction {@code dir}, not past {@code limit}. */
    private long pair(int from, int limit, int dir) {
        long v = 0;
        for (int k = 1; k <= 2; k++) {
            int i = from + dir * k;
            if (dir > 0 ? i > limit : i < limit) {
                break;
            }
            v += volume[i];
        }
        return v;
    }

    private double center(int idx) {
        return Decimals.toDouble((base + idx) * binSize + binSize / 2);
    }

    /** Rounds a positive scaled step to 1, 2 or 5 × 10^k (scaled units, at least 1). */
    static long niceStep(double scaled) {
        if (!(scaled >= 1)) {
            return 1;
        }
        long pow = 1;
        while (pow <= scaled / 10) {
            pow *= 10;
        }
        double m = scaled / pow;
        return m < 1.5 ? pow : m < 3.5 ? 2 * pow : m < 7.5 ? 5 * pow : 10 * pow;
    }

    /** Re-centres the bin array so it covers the retained trades and {@code bin}: allocates. */
    private void rebuild(long bin) {
        long min = bin;
        long max = bin;
        for (int i = 0; i < size; i++) {
            long b = bins[(head + i) % bins.length];
            min = Math.min(min, b);
            max = Math.max(max, b);
        }
        int cap = volume.length;
        while (max - min + 1 > cap / 2) {
            cap *= 2;
        }
        long[] v = new long[cap];
        long newBase = min - (cap - (max - min + 1)) / 2;
        for (int i = 0; i < size; i++) {
            int idx = (head + i) % bins.length;
            v[(int) (bins[idx] - newBase)] += qtys[idx];
        }
        volume = v;
        base = newBase;
    }

    /** Doubles the trade ring: allocates. */
    private void growRing() {
        times = Rings.doubled(times, head, size);
        bins = Rings.doubled(bins, head, size);
        qtys = Rings.doubled(qtys, head, size);
        head = 0;
    }
}
