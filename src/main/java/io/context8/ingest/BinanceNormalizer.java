package io.context8.ingest;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.schema.KnownPatterns;

/**
 * Turns Binance Spot combined-stream frames and REST depth snapshots into context8 market event envelopes
 * {@code {type, venue, symbol, ts_event, ts_ingest, payload}}. Prices and quantities keep Binance's decimal
 * text (checked to be non-negative decimals). {@code ts_event} is the exchange event time: {@code T} for
 * trades, {@code E} for diffs and tickers; bookTicker frames and REST snapshots carry no event time and take
 * the newest exchange event time seen for that symbol (the ingest time before any), marked
 * {@code ts_event_estimated: true} so that analytics never lets such a time move its event clock. Not thread-safe for one symbol across threads; the ingest route calls it from
 * one thread. Allocates (Jackson trees) per frame.
 */
public final class BinanceNormalizer {

    public static final String TRADE = "trade_tick";
    public static final String DELTAS = "order_book_deltas";
    public static final String DEPTH = "order_book_depth";
    public static final String BOOK_TICKER = "book_ticker";
    public static final String TICKER = "ticker_24h";
    /** Envelope flag: {@code ts_event} was derived by ingest (the frame carried no exchange time). */
    public static final String TS_EVENT_ESTIMATED = "ts_event_estimated";

    private final ObjectMapper mapper;
    private final String venue;
    private final Map<String, Long> lastEventTime = new ConcurrentHashMap<>();

    public BinanceNormalizer(ObjectMapper mapper, String venue) {
        this.mapper = mapper;
        this.venue = venue;
    }

    /** Normalizes one websocket text frame received at {@code ingestMs} (local epoch ms). */
    public NormalizedFrame normalize(String frame, long ingestMs) {
        JsonNode root;
        try {
            root = frame == null || frame.isBlank() ? null : mapper.readTree(frame);
        } catch (JsonProcessingException e) {
            return reject(NormalizedFrame.Reasons.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            return reject(NormalizedFrame.Reasons.MALFORMED_JSON, "empty frame");
        }
        if (!root.isObject()) {
            return reject(NormalizedFrame.Reasons.UNKNOWN_FRAME, "top-level " + root.getNodeType().name().toLowerCase(Locale.ROOT));
        }
        if (root.has("stream") && root.has("data")) {
            return combined(root.path("stream").asText(""), root.get("data"), ingestMs);
        }
        if (root.has("result") && root.has("id")) {
            return reject(NormalizedFrame.Reasons.CONTROL_ACK, "subscription ack id=" + root.get("id"));
        }
        if (root.get("error") != null && root.get("error").isObject()) {
            JsonNode err = root.get("error");
            return reject(NormalizedFrame.Reasons.ERROR_FRAME,
                    "code=" + err.path("code").asText("?") + " msg=" + clip(err.path("msg").asText("")));
        }
        if (root.has("code") && root.has("msg")) {
            return reject(NormalizedFrame.Reasons.ERROR_FRAME,
                    "code=" + root.path("code").asText("?") + " msg=" + clip(root.path("msg").asText("")));
        }
        return reject(NormalizedFrame.Reasons.UNKNOWN_FRAME, "no stream/data fields");
    }

    /** Normalizes a REST {@code GET /api/v3/depth} body for {@code symbol}, received at {@code ingestMs}. */
    public NormalizedFrame snapshot(String body, String symbol, long ingestMs) {
        JsonNode root;
        try {
            root = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return reject(NormalizedFrame.Reasons.MALFORMED_JSON, "depth snapshot is not JSON");
        }
        if (root == null || !root.isObject()) {
            return reject(NormalizedFrame.Reasons.MALFORMED_JSON, "depth snapshot is not an object");
        }
        if (root.has("code") && root.has("msg")) {
            return reject(NormalizedFrame.Reasons.ERROR_FRAME,
                    "code=" + root.path("code").asText("?") + " msg=" + clip(root.path("msg").asText("")));
        }
        try {
            long lastUpdateId = id(root, "lastUpdateId");
            ObjectNode payload = mapper.createObjectNode();
            payload.put("last_update_id", lastUpdateId);
            payload.set("bids", levels(root, "bids"));
            payload.set("asks", levels(root, "asks"));
            String sym = symbol(symbol);
            return estimated(event(DEPTH, sym, eventTime(sym, ingestMs), ingestMs, payload, -1, lastUpdateId));
        } catch (InvalidField e) {
            return reject(NormalizedFrame.Reasons.INVALID_FIELD, "depth snapshot: " + e.getMessage());
        }
    }

    private NormalizedFrame combined(String stream, JsonNode data, long ingestMs) {
        if (data == null || !data.isObject()) {
            return reject(NormalizedFrame.Reasons.UNSUPPORTED_STREAM, "stream " + clip(stream) + " with non-object data");
        }
        int at = stream.indexOf('@');
        // "<symbol>@<kind>", or an all-market stream such as "!bookTicker"
        String kind = at >= 0 ? stream.substring(at + 1) : stream.startsWith("!") ? stream.substring(1) : "";
        try {
            switch (kind) {
                case "trade":
                    return trade(data, ingestMs);
                case "depth":
                case "depth@100ms":
                case "depth@1000ms":
                    return deltas(data, ingestMs);
                case "bookTicker":
                    return bookTicker(data, ingestMs);
                case "ticker":
                    return ticker(data, ingestMs);
                default:
                    return reject(NormalizedFrame.Reasons.UNSUPPORTED_STREAM, "stream " + clip(stream));
            }
        } catch (InvalidField e) {
            return reject(NormalizedFrame.Reasons.INVALID_FIELD, clip(stream) + ": " + e.getMessage());
        }
    }

    private NormalizedFrame trade(JsonNode d, long ingestMs) {
        expectType(d, "trade");
        String symbol = symbol(text(d, "s"));
        long tradeTime = id(d, "T");
        JsonNode m = d.get("m");
        if (m == null || !m.isBoolean()) {
            throw new InvalidField("m must be a boolean");
        }
        ObjectNode p = mapper.createObjectNode();
        p.put("trade_id", id(d, "t"));
        p.put("price", decimal(d, "p"));
        p.put("qty", decimal(d, "q"));
        p.put("aggressor", m.booleanValue() ? "sell" : "buy");
        p.put("trade_time", tradeTime);
        noteEventTime(symbol, id(d, "E"));
        return event(TRADE, symbol, tradeTime, ingestMs, p, -1, -1);
    }

    private NormalizedFrame deltas(JsonNode d, long ingestMs) {
        expectType(d, "depthUpdate");
        String symbol = symbol(text(d, "s"));
        long first = id(d, "U");
        long last = id(d, "u");
        if (last < first) {
            throw new InvalidField("u < U");
        }
        ObjectNode p = mapper.createObjectNode();
        p.put("first_update_id", first);
        p.put("final_update_id", last);
        p.set("bids", levels(d, "b"));
        p.set("asks", levels(d, "a"));
        long e = id(d, "E");
        noteEventTime(symbol, e);
        return event(DELTAS, symbol, e, ingestMs, p, first, last);
    }

    private NormalizedFrame bookTicker(JsonNode d, long ingestMs) {
        String symbol = symbol(text(d, "s"));
        ObjectNode p = mapper.createObjectNode();
        p.put("update_id", id(d, "u"));
        p.put("bid_price", decimal(d, "b"));
        p.put("bid_qty", decimal(d, "B"));
        p.put("ask_price", decimal(d, "a"));
        p.put("ask_qty", decimal(d, "A"));
        return estimated(event(BOOK_TICKER, symbol, eventTime(symbol, ingestMs), ingestMs, p, -1, -1));
    }

    private NormalizedFrame ticker(JsonNode d, long ingestMs) {
        expectType(d, "24hrTicker");
        String symbol = symbol(text(d, "s"));
        ObjectNode p = mapper.createObjectNode();
        p.put("last_price", decimal(d, "c"));
        p.put("price_change", signedDecimal(d, "p"));
        p.put("price_change_pct", signedDecimal(d, "P"));
        p.put("weighted_avg_price", decimal(d, "w"));
        p.put("open", decimal(d, "o"));
        p.put("high", decimal(d, "h"));
        p.put("low", decimal(d, "l"));
        p.put("volume", decimal(d, "v"));
        p.put("quote_volume", decimal(d, "q"));
        p.put("open_time", id(d, "O"));
        p.put("close_time", id(d, "C"));
        p.put("trade_count", id(d, "n"));
        long e = id(d, "E");
        noteEventTime(symbol, e);
        return event(TICKER, symbol, e, ingestMs, p, -1, -1);
    }

    private NormalizedFrame.Event event(String type, String symbol, long tsEvent, long tsIngest, ObjectNode payload,
            long firstUpdateId, long finalUpdateId) {
        ObjectNode env = mapper.createObjectNode();
        env.put("type", type);
        env.put("venue", venue);
        env.put("symbol", symbol);
        env.put("ts_event", tsEvent);
        env.put("ts_ingest", tsIngest);
        env.set("payload", payload);
        return new NormalizedFrame.Event(type, symbol, env, firstUpdateId, finalUpdateId);
    }

    /** Marks an event whose frame carried no exchange time: its ts_event was derived here, not sent by Binance. */
    private static NormalizedFrame.Event estimated(NormalizedFrame.Event e) {
        e.envelope().put(TS_EVENT_ESTIMATED, true);
        return e;
    }

    private void noteEventTime(String symbol, long e) {
        lastEventTime.merge(symbol, e, Math::max);
    }

    private long eventTime(String symbol, long ingestMs) {
        Long e = lastEventTime.get(symbol);
        return e != null ? e : ingestMs;
    }

    private static NormalizedFrame.Rejected reject(String reason, String detail) {
        return new NormalizedFrame.Rejected(reason, detail);
    }

    private static void expectType(JsonNode d, String type) {
        JsonNode e = d.get("e");
        if (e == null || !type.equals(e.asText())) {
            throw new InvalidField("event type e must be " + type);
        }
    }

    private static String text(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || !n.isTextual()) {
            throw new InvalidField(field + " must be a string");
        }
        return n.textValue();
    }

    private static String symbol(String s) {
        if (s == null || !KnownPatterns.isSymbol(s)) {
            throw new InvalidField("symbol must be 2-20 uppercase letters and digits");
        }
        return s;
    }

    private static long id(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || !n.canConvertToExactIntegral() || !n.isIntegralNumber() || n.asLong() < 0) {
            throw new InvalidField(field + " must be a non-negative integer");
        }
        return n.asLong();
    }

    private static String decimal(JsonNode d, String field) {
        String s = text(d, field);
        if (!KnownPatterns.isDecimal(s, false)) {
            throw new InvalidField(field + " must be a non-negative decimal string");
        }
        return s;
    }

    private static String signedDecimal(JsonNode d, String field) {
        String s = text(d, field);
        if (!KnownPatterns.isDecimal(s, true)) {
            throw new InvalidField(field + " must be a decimal string");
        }
        return s;
    }

    private ArrayNode levels(JsonNode d, String field) {
        JsonNode n = d.get(field);
        if (n == null || !n.isArray()) {
            throw new InvalidField(field + " must be an array of [price, qty]");
        }
        if (n.size() > 5000) {
            throw new InvalidField(field + " has more than 5000 levels");
        }
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode level : n) {
            if (!level.isArray() || level.size() < 2 || !level.get(0).isTextual() || !level.get(1).isTextual()
                    || !KnownPatterns.isDecimal(level.get(0).textValue(), false) || !KnownPatterns.isDecimal(level.get(1).textValue(), false)) {
                throw new InvalidField(field + " holds a level that is not [price, qty] decimal strings");
            }
            ArrayNode l = out.addArray();
            l.add(level.get(0).textValue());
            l.add(level.get(1).textValue());
        }
        return out;
    }

    private static String clip(String s) {
        return s.length() <= 120 ? s : s.substring(0, 120) + "...";
    }

    /** A known message with a missing or invalid field. */
    private static final class InvalidField extends RuntimeException {
        InvalidField(String message) {
            super(message, null, false, false);
        }
    }
}
