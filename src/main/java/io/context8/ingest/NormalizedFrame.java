package io.context8.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the normalizer made of one frame: a market event, or a rejection with its reason. */
public sealed interface NormalizedFrame {

    /**
     * A market event envelope.
     *
     * @param type          envelope type ({@code trade_tick}, {@code order_book_deltas}, ...)
     * @param symbol        uppercase symbol
     * @param envelope      the envelope as a JSON tree (validated as a tree; written to the stream as its JSON text)
     * @param firstUpdateId diff frames: Binance {@code U}; -1 otherwise
     * @param finalUpdateId diff frames: Binance {@code u}; snapshots: {@code lastUpdateId}; -1 otherwise
     */
    record Event(String type, String symbol, ObjectNode envelope, long firstUpdateId, long finalUpdateId)
            implements NormalizedFrame {

        /** The envelope as compact JSON text. */
        public String json() {
            return envelope.toString();
        }
    }

    /**
     * A frame that is not a market event: never written to the stream, counted by reason and logged.
     *
     * @param reason one of {@link Reasons}
     * @param detail a short human-readable explanation (never the whole frame)
     */
    record Rejected(String reason, String detail) implements NormalizedFrame {
    }

    /** Rejection reasons, used as metric labels. */
    final class Reasons {
        /** Not JSON, or empty. */
        public static final String MALFORMED_JSON = "malformed_json";
        /** A subscription acknowledgement {@code {"result":null,"id":N}}. */
        public static final String CONTROL_ACK = "control_ack";
        /** An error envelope {@code {"error":{...}}} or REST-style {@code {"code":..,"msg":..}}. */
        public static final String ERROR_FRAME = "error_frame";
        /** Valid JSON of no known shape (arrays, user-data events, placeholders). */
        public static final String UNKNOWN_FRAME = "unknown_frame";
        /** A combined-stream message for a stream this service does not normalize (aggTrade, kline, ...). */
        public static final String UNSUPPORTED_STREAM = "unsupported_stream";
        /** A known message with a missing or invalid field (e.g. a negative or non-numeric price). */
        public static final String INVALID_FIELD = "invalid_field";
        /** A market event of a symbol that is not in {@code context8.symbols}: dropped, never resynced. */
        public static final String UNCONFIGURED_SYMBOL = "unconfigured_symbol";

        private Reasons() {
        }
    }
}
