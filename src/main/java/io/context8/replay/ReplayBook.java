package io.context8.replay;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The replay server's order book of one symbol, as of the current playback position: what Binance's REST
 * {@code /api/v3/depth} would answer at that moment. A plain {@link TreeMap} keyed by {@link BigDecimal}
 * price, keeping each level's original price and quantity text; this is not the analytics hot path.
 *
 * <p>Rules (Binance's local-book procedure): a snapshot replaces the book when its {@code lastUpdateId} is
 * above the book's; a diff is applied only when its final id {@code u} is above the book's
 * {@code lastUpdateId}, which then becomes {@code u}; quantity zero removes a level. A book that never saw a
 * snapshot is built from diffs alone ({@link #partial()}): it only knows the levels the diffs touched.
 * Thread-safe: the playback applies, HTTP requests read.
 */
final class ReplayBook {

    private static final JsonFactory JSON = new JsonFactory();

    private final String symbol;
    private final TreeMap<BigDecimal, Level> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, Level> asks = new TreeMap<>();
    private long lastUpdateId;
    private boolean partial = true;

    ReplayBook(String symbol) {
        this.symbol = symbol;
    }

    /** One price level, as text exactly as Binance sent it. */
    record Level(String price, String qty) {
    }

    /** A parsed REST depth body {@code {"lastUpdateId","bids","asks"}}. */
    record Snapshot(long lastUpdateId, List<Level> bids, List<Level> asks) {
    }

    /** A parsed {@code depthUpdate} event. */
    record Diff(long firstUpdateId, long finalUpdateId, List<Level> bids, List<Level> asks) {
    }

    String symbol() {
        return symbol;
    }

    /** Parses a REST depth snapshot body; allocates. */
    static Snapshot parseSnapshot(ObjectMapper mapper, String body) {
        try {
            JsonNode n = mapper.readTree(body);
            return new Snapshot(n.path("lastUpdateId").asLong(), levels(n.path("bids")), levels(n.path("asks")));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable depth snapshot", e);
        }
    }

    /** Parses the {@code data} object of a {@code depthUpdate} event; allocates; throws on malformed numbers. */
    static Diff parseDiff(JsonNode data) {
        return new Diff(data.path("U").asLong(), data.path("u").asLong(), levels(data.path("b")), levels(data.path("a")));
    }

    private static List<Level> levels(JsonNode array) {
        if (!array.isArray()) {
            return List.of();
        }
        List<Level> out = new ArrayList<>(array.size());
        for (JsonNode l : array) {
            Level level = new Level(l.path(0).asText(), l.path(1).asText());
            new BigDecimal(level.price()); // fail here, at parse time, on a malformed number
            new BigDecimal(level.qty());
            out.add(level);
        }
        return out;
    }

    /** Replaces the book with the snapshot unless the book is already at or past it. */
    synchronized void applySnapshot(Snapshot s) {
        if (!partial && s.lastUpdateId() <= lastUpdateId) {
            return;
        }
        bids.clear();
        asks.clear();
        put(bids, s.bids());
        put(asks, s.asks());
        lastUpdateId = s.lastUpdateId();
        partial = false;
    }

    /** Applies a diff whose final id is above the book's id; older diffs are ignored. True when applied. */
    synchronized boolean applyDiff(Diff d) {
        if (d.finalUpdateId() <= lastUpdateId) {
            return false;
        }
        put(bids, d.bids());
        put(asks, d.asks());
        lastUpdateId = d.finalUpdateId();
        return true;
    }

    /** The whole book as a snapshot (a copy; allocates). */
    synchronized Snapshot copy() {
        return new Snapshot(lastUpdateId, List.copyOf(bids.values()), List.copyOf(asks.values()));
    }

    /**
     * The levels a diff must carry to turn this book into {@code target}: each level of this book that the
     * target lacks at quantity zero, and every level of the target (so a client holding fewer levels than this
     * book ends with the target's too). Allocates.
     */
    synchronized Snapshot bridgeTo(Snapshot target) {
        return new Snapshot(target.lastUpdateId(), bridgeSide(bids, target.bids()), bridgeSide(asks, target.asks()));
    }

    private static List<Level> bridgeSide(TreeMap<BigDecimal, Level> side, List<Level> target) {
        java.util.Set<BigDecimal> keep = new java.util.TreeSet<>(); // compareTo: 100.0 equals 100.00
        for (Level l : target) {
            keep.add(new BigDecimal(l.price()));
        }
        List<Level> out = new ArrayList<>(side.size() + target.size());
        for (Map.Entry<BigDecimal, Level> e : side.entrySet()) {
            if (!keep.contains(e.getKey())) {
                out.add(new Level(e.getValue().price(), "0.00000000"));
            }
        }
        out.addAll(target);
        return out;
    }

    private static void put(TreeMap<BigDecimal, Level> side, List<Level> levels) {
        for (Level l : levels) {
            BigDecimal price = new BigDecimal(l.price());
            if (new BigDecimal(l.qty()).signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, l);
            }
        }
    }

    synchronized long lastUpdateId() {
        return lastUpdateId;
    }

    /** True while the book was built from diffs alone (no snapshot in the recording so far). */
    synchronized boolean partial() {
        return partial;
    }

    /** Top {@code limit} bids, best first (a copy). */
    synchronized List<Level> bids(int limit) {
        return top(bids, limit);
    }

    /** Top {@code limit} asks, best first (a copy). */
    synchronized List<Level> asks(int limit) {
        return top(asks, limit);
    }

    private static List<Level> top(TreeMap<BigDecimal, Level> side, int limit) {
        if (side.isEmpty()) {
            return Collections.emptyList();
        }
        List<Level> out = new ArrayList<>(Math.min(limit, side.size()));
        Iterator<Map.Entry<BigDecimal, Level>> it = side.entrySet().iterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next().getValue());
        }
        return out;
    }

    /** The Binance REST depth body for the top {@code limit} levels a side; allocates. */
    synchronized String toJson(int limit) {
        StringWriter w = new StringWriter(64 + 64 * Math.min(limit, Math.max(bids.size(), asks.size())));
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("lastUpdateId", lastUpdateId);
            writeSide(g, "bids", bids, limit);
            writeSide(g, "asks", asks, limit);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void writeSide(JsonGenerator g, String name, TreeMap<BigDecimal, Level> side, int limit)
            throws IOException {
        g.writeArrayFieldStart(name);
        int n = 0;
        for (Level l : side.values()) {
            if (n++ == limit) {
                break;
            }
            g.writeStartArray();
            g.writeString(l.price());
            g.writeString(l.qty());
            g.writeEndArray();
        }
        g.writeEndArray();
    }
}
