package io.context8.replay;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * The loop option of {@link ReplayServer}: what changes in a frame from one pass to the next, so that every pass
 * is new market data that continues the previous one.
 *
 * <p>Per symbol, every trade id ({@code t}, and {@code f}/{@code l}/{@code F}/{@code L}) is shifted per pass by
 * the id span of the recording ({@code max - min + 1}), aggregate trade ids ({@code a}) by theirs, and every
 * book update id ({@code U}, {@code u}, {@code pu}, {@code lastUpdateId}, bookTicker {@code u}) by the update id
 * span; every exchange time ({@code E}, {@code T}, ticker {@code O}/{@code C}) by the time span of the recording
 * ({@code E}/{@code T}, over all files) plus {@link #SEAM_MS}. Ids and times therefore keep increasing across the
 * seam. The numbers are rewritten in the frame text (Binance's flat {@code data} objects; a key appears once).
 *
 * <p>The seam of the book: pass k+1's first diffs were recorded against the start book, not pass k's end book.
 * So instead of the diffs up to the first one the recorded snapshot needed (the first diff the replay book
 * applied in pass 1), pass k+1 sends a <b>bridge</b>: diffs that turn the end book into the book after that first
 * applied diff (every level of the end book not in it at quantity 0, every level of it at its quantity), with
 * ids from the end book's id + 1 to that diff's shifted final id. The chain {@code U == previous u + 1} never
 * breaks, so a client following Binance's procedure stays in sync without a new snapshot, and the replay book
 * (the REST snapshot) follows the bridge like any diff. Inline snapshot lines are not replayed after pass 1 (the
 * book is already at their state).
 */
final class ReplayLoop {

    /** Added to the time shift of each pass: the next pass starts this long after the last frame of the previous. */
    static final long SEAM_MS = 100;
    /** At most this many levels a side in one bridge diff (a message of a few tens of KB). */
    static final int MAX_BRIDGE_LEVELS = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    /** What a rewritten number is: which per-pass shift applies to it. */
    enum Kind {
        TRADE, AGG, UPDATE, TIME
    }

    private record Field(String key, Kind kind, boolean inSpan) {
    }

    private static final List<Field> TIMES = List.of(new Field("E", Kind.TIME, true), new Field("T", Kind.TIME, true));
    private static final Map<String, List<Field>> FIELDS = Map.of(
            "trade", List.of(new Field("t", Kind.TRADE, true), TIMES.get(0), TIMES.get(1)),
            "aggTrade", List.of(new Field("a", Kind.AGG, true), new Field("f", Kind.TRADE, true),
                    new Field("l", Kind.TRADE, true), TIMES.get(0), TIMES.get(1)),
            "depth", List.of(new Field("U", Kind.UPDATE, true), new Field("u", Kind.UPDATE, true),
                    new Field("pu", Kind.UPDATE, true), TIMES.get(0), TIMES.get(1)),
            "bookTicker", List.of(new Field("u", Kind.UPDATE, true), TIMES.get(0), TIMES.get(1)),
            "ticker", List.of(new Field("F", Kind.TRADE, true), new Field("L", Kind.TRADE, true), TIMES.get(0),
                    new Field("O", Kind.TIME, false), new Field("C", Kind.TIME, false)),
            "partialDepth", List.of(new Field("lastUpdateId", Kind.UPDATE, true)),
            "other", TIMES);

    /** min/max of each kind per symbol (times over all symbols), collected by {@link #observe}. */
    private final Map<String, long[]> ranges = new HashMap<>();
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    /** The stream type's field list key: {@code trade}, {@code depth} (diffs), ... */
    static String type(String stream) {
        int at = stream.indexOf('@');
        String t = at < 0 ? "" : stream.substring(at + 1);
        if (ReplayServer.isDiffStream(stream)) {
            return "depth";
        }
        if (t.startsWith("depth")) {
            return "partialDepth";
        }
        return FIELDS.containsKey(t) ? t : "other";
    }

    /** Notes the ids and times of one recorded frame of {@code symbol} (scan, loop on). */
    void observe(String symbol, String stream, String frame) {
        for (Field f : FIELDS.get(type(stream))) {
            long v = read(frame, f.key());
            if (v < 0 || !f.inSpan()) {
                continue;
            }
            if (f.kind() == Kind.TIME) {
                minTime = Math.min(minTime, v);
                maxTime = Math.max(maxTime, v);
            } else {
                note(symbol, f.kind(), v);
            }
        }
    }

    /** Notes a recorded snapshot's {@code lastUpdateId}. */
    void observeSnapshot(String symbol, long lastUpdateId) {
        note(symbol, Kind.UPDATE, lastUpdateId);
    }

    private void note(String symbol, Kind kind, long v) {
        long[] r = ranges.computeIfAbsent(symbol, s -> {
            long[] a = new long[Kind.values().length * 2];
            for (int i = 0; i < a.length; i += 2) {
                a[i] = Long.MAX_VALUE;
                a[i + 1] = Long.MIN_VALUE;
            }
            return a;
        });
        int i = kind.ordinal() * 2;
        r[i] = Math.min(r[i], v);
        r[i + 1] = Math.max(r[i + 1], v);
    }

    /** The shift of one pass for {@code symbol} and {@code kind}: span + 1 for ids, span + seam for times. */
    long shiftPerPass(String symbol, Kind kind) {
        if (kind == Kind.TIME) {
            return maxTime < minTime ? SEAM_MS : maxTime - minTime + SEAM_MS;
        }
        long[] r = ranges.get(symbol);
        int i = kind.ordinal() * 2;
        return r == null || r[i + 1] < r[i] ? 0 : r[i + 1] - r[i] + 1;
    }

    /** Market time of one pass (exchange times, ms), for the log. */
    long spanMs() {
        return maxTime < minTime ? 0 : maxTime - minTime;
    }

    /** The frame of {@code symbol} on {@code stream} as sent in pass {@code pass} (0 = as recorded). */
    String shift(String symbol, String stream, String frame, int pass) {
        if (pass == 0) {
            return frame;
        }
        String out = frame;
        for (Field f : FIELDS.get(type(stream))) {
            long by = shiftPerPass(symbol, f.kind()) * pass;
            if (by != 0) {
                out = add(out, f.key(), by);
            }
        }
        return out;
    }

    /** The non-negative integer value of {@code "key":<digits>} in the frame, or -1. */
    static long read(String frame, String key) {
        int i = valueAt(frame, key);
        if (i < 0) {
            return -1;
        }
        long v = 0;
        int n = 0;
        while (i < frame.length() && Character.isDigit(frame.charAt(i)) && n < 19) {
            v = v * 10 + (frame.charAt(i++) - '0');
            n++;
        }
        return n == 0 ? -1 : v;
    }

    private static int valueAt(String frame, String key) {
        String pattern = "\"" + key + "\":";
        int i = frame.indexOf(pattern);
        return i < 0 ? -1 : i + pattern.length();
    }

    /** The frame with {@code by} added to the number of {@code "key":}; unchanged when absent or not a number. */
    static String add(String frame, String key, long by) {
        int start = valueAt(frame, key);
        if (start < 0) {
            return frame;
        }
        int end = start;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        if (end == start || end - start > 18) {
            return frame;
        }
        long v = Long.parseLong(frame, start, end, 10);
        return frame.substring(0, start) + (v + by) + frame.substring(end);
    }

    /**
     * Bridge diffs from the end book to the target with ids {@code first..last} (at least one id), on
     * {@code stream}, at exchange time {@code eventTime}; several diffs when a side has more than
     * {@link #MAX_BRIDGE_LEVELS} levels to send and the id range allows it. Allocates.
     */
    static List<String> bridge(String stream, String symbol, long eventTime, long first, long last,
            List<ReplayBook.Level> bids, List<ReplayBook.Level> asks) {
        long ids = last - first + 1;
        int most = Math.max(bids.size(), asks.size());
        int n = (int) Math.max(1, Math.min(ids, (most + MAX_BRIDGE_LEVELS - 1) / MAX_BRIDGE_LEVELS));
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long u0 = first + ids * i / n;
            long u1 = first + ids * (i + 1) / n - 1;
            out.add(diff(stream, symbol, eventTime, u0, u1, slice(bids, i, n), slice(asks, i, n)));
        }
        return out;
    }

    private static List<ReplayBook.Level> slice(List<ReplayBook.Level> all, int i, int n) {
        return all.subList(all.size() * i / n, all.size() * (i + 1) / n);
    }

    private static String diff(String stream, String symbol, long eventTime, long first, long last,
            List<ReplayBook.Level> bids, List<ReplayBook.Level> asks) {
        StringWriter w = new StringWriter(64 + 40 * (bids.size() + asks.size()));
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("stream", stream);
            g.writeObjectFieldStart("data");
            g.writeStringField("e", "depthUpdate");
            g.writeNumberField("E", eventTime);
            g.writeStringField("s", symbol);
            g.writeNumberField("U", first);
            g.writeNumberField("u", last);
            levels(g, "b", bids);
            levels(g, "a", asks);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void levels(JsonGenerator g, String name, List<ReplayBook.Level> levels) throws IOException {
        g.writeArrayFieldStart(name);
        for (ReplayBook.Level l : levels) {
            g.writeStartArray();
            g.writeString(l.price());
            g.writeString(l.qty());
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
