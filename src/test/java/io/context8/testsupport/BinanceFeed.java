package io.context8.testsupport;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A generated Binance Spot market for one symbol, as raw frames: the exchange's own book (price ticks of 0.01
 * around 100), {@code depth@100ms} diffs with consecutive update ids, a {@code bookTicker} for every change of the
 * top (real time: sent before the diff that carries it, with the diff's final id), now and then a ticker inside
 * a diff's id range, and the REST depth body of the book as it is now. Corruptions change what is SENT, never the
 * exchange's book: {@link #crossedDiff}, {@link #frozenDiff}, {@link #silentlyDroppedDiff}, {@link #droppedDiff}.
 * Deterministic for a seed.
 */
public final class BinanceFeed {

    private final String symbol;
    private final String stream;
    private final SplittableRandom rnd;
    private final TreeMap<Long, Long> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<Long, Long> asks = new TreeMap<>();
    private long updateId = 1_000;
    private long timeMs;

    public BinanceFeed(String symbol, long seed, long startMs) {
        this.symbol = symbol;
        this.stream = symbol.toLowerCase(Locale.ROOT);
        this.rnd = new SplittableRandom(seed);
        this.timeMs = startMs;
        for (int i = 0; i < 50; i++) {
            bids.put(9_999L - i, qty());
            asks.put(10_001L + i, qty());
        }
    }

    public long timeMs() {
        return timeMs;
    }

    public long updateId() {
        return updateId;
    }

    /** The REST {@code /api/v3/depth} body of the exchange's book now. */
    public String snapshotBody() {
        return "{\"lastUpdateId\":" + updateId + ",\"bids\":" + levels(bids) + ",\"asks\":" + levels(asks) + "}";
    }

    /** 100 ms of market: tickers, then the diff (frames in the order Binance sends them). */
    public List<String> step() {
        return step(false, false);
    }

    /** A step whose diff also carries a bid at the best ask: the receiver's book is crossed. */
    public List<String> crossedDiff() {
        timeMs += 100;
        long first = updateId + 1;
        updateId += 1;
        String bad = "[[\"" + px(asks.firstKey()) + "\",\"1.00000\"]]";
        return List.of(diffFrame(first, updateId, bad, "[]"));
    }

    /** A step whose diff says {@code u = 2^63-1} (its levels are real): every later diff looks old. */
    public List<String> frozenDiff() {
        List<String> frames = step(true, false);
        String diff = frames.get(frames.size() - 1);
        frames.set(frames.size() - 1, diff.replace("\"u\":" + updateId + ",", "\"u\":" + Long.MAX_VALUE + ","));
        return frames;
    }

    /** A step that changes the top whose diff arrives without its levels (ids intact): only the bookTicker tells. */
    public List<String> silentlyDroppedDiff() {
        return step(true, true);
    }

    /** A step whose diff never arrives (its tickers do): the next diff's U shows the gap. */
    public List<String> droppedDiff() {
        List<String> frames = step(true, false);
        frames.remove(frames.size() - 1);
        return frames;
    }

    private List<String> step(boolean forceTopChange, boolean emptyLevels) {
        timeMs += 100;
        List<String> frames = new ArrayList<>(3);
        long first = updateId + 1;
        long topBidPx = bids.firstKey();
        long topBidQty = bids.firstEntry().getValue();
        long topAskPx = asks.firstKey();
        long topAskQty = asks.firstEntry().getValue();
        Map<Long, Long> bidChanges = new TreeMap<>(Comparator.reverseOrder());
        Map<Long, Long> askChanges = new TreeMap<>();
        int k = 1 + rnd.nextInt(3);
        for (int i = 0; i < k; i++) {
            change(bids, bidChanges, true, forceTopChange && i == 0);
            change(asks, askChanges, false, false);
        }
        updateId += k;
        boolean topChanged = bids.firstKey() != topBidPx || !bids.firstEntry().getValue().equals(topBidQty)
                || asks.firstKey() != topAskPx || !asks.firstEntry().getValue().equals(topAskQty);
        if (k > 1 && rnd.nextInt(3) == 0) { // a ticker inside the range: never the book's id, never compared
            frames.add(ticker(first, topBidPx, topBidQty + 1, topAskPx, topAskQty));
        }
        if (topChanged) {
            frames.add(ticker(updateId, bids.firstKey(), bids.firstEntry().getValue(), asks.firstKey(),
                    asks.firstEntry().getValue()));
        }
        frames.add(emptyLevels ? diffFrame(first, updateId, "[]", "[]")
                : diffFrame(first, updateId, levels(bidChanges), levels(askChanges)));
        return frames;
    }

    /** One level change near the top: a new quantity, sometimes a removal or a new level inside the spread. */
    private void change(TreeMap<Long, Long> side, Map<Long, Long> changes, boolean bid, boolean top) {
        long best = side.firstKey();
        int r = rnd.nextInt(10);
        long price;
        long q;
        if (top) {
            price = best;
            q = side.get(best) + 1 + rnd.nextInt(1_000);
        } else if (r == 0 && side.size() > 30) {
            price = (long) side.keySet().toArray()[1 + rnd.nextInt(5)];
            q = 0;
        } else {
            price = bid ? best - rnd.nextInt(10) : best + rnd.nextInt(10);
            q = qty();
        }
        if (q == 0) {
            side.remove(price);
        } else {
            side.put(price, q);
        }
        changes.put(price, q);
    }

    /** Quantity in 1e-5 units: 0.5 to 1.5. */
    private long qty() {
        return 50_000 + rnd.nextInt(100_000);
    }

    private String diffFrame(long first, long last, String b, String a) {
        return "{\"stream\":\"" + stream + "@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":" + timeMs
                + ",\"s\":\"" + symbol + "\",\"U\":" + first + ",\"u\":" + last + ",\"b\":" + b + ",\"a\":" + a + "}}";
    }

    private String ticker(long u, long bidPx, long bidQty, long askPx, long askQty) {
        return "{\"stream\":\"" + stream + "@bookTicker\",\"data\":{\"u\":" + u + ",\"s\":\"" + symbol + "\",\"b\":\""
                + px(bidPx) + "\",\"B\":\"" + qty(bidQty) + "\",\"a\":\"" + px(askPx) + "\",\"A\":\"" + qty(askQty)
                + "\"}}";
    }

    private static String levels(Map<Long, Long> side) {
        StringBuilder b = new StringBuilder("[");
        side.forEach((p, q) -> b.append(b.length() == 1 ? "" : ",").append("[\"").append(px(p)).append("\",\"")
                .append(qty(q)).append("\"]"));
        return b.append(']').toString();
    }

    private static String px(long ticks) {
        return String.format(Locale.ROOT, "%d.%02d", ticks / 100, ticks % 100);
    }

    private static String qty(long units) {
        return String.format(Locale.ROOT, "%d.%05d", units / 100_000, units % 100_000);
    }
}
