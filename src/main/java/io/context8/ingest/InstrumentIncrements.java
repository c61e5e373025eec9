package io.context8.ingest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.context8.redis.RedisStreamConstants;
import io.context8.schema.KnownPatterns;

/**
 * The price tick and quantity step of each symbol from Binance's {@code GET /api/v3/exchangeInfo?symbol=X}
 * ({@code PRICE_FILTER.tickSize}, {@code LOT_SIZE.stepSize}), cached for the life of the process, and carried in
 * every depth snapshot event ({@code tick_size}, {@code step_size}, with the snapshot's {@code limit}) so that
 * analytics rounds the report's numbers to them. A failed fetch is retried before a later snapshot after a
 * back-off (1 s doubling up to 5 min); it never fails the snapshot, which then goes without the increments
 * (analytics falls back to the observed decimals). Thread-safe.
 */
public class InstrumentIncrements {

    /** Header set by {@link #check}: the symbol's exchangeInfo should be fetched before this snapshot. */
    public static final String DUE = "context8InstrumentDue";
    static final long FIRST_RETRY_MS = 1_000;
    static final long MAX_RETRY_MS = 300_000;

    private static final Logger LOG = LoggerFactory.getLogger(InstrumentIncrements.class);

    /** The increments of one symbol, as Binance's decimal text. */
    public record Increments(String tickSize, String stepSize) {
    }

    private record Retry(long atMs, long delayMs) {
    }

    private final ObjectMapper mapper;
    private final int snapshotLimit;
    private final LongSupplier clock;
    private final Map<String, Increments> known = new ConcurrentHashMap<>();
    private final Map<String, Retry> retries = new ConcurrentHashMap<>();

    public InstrumentIncrements(ObjectMapper mapper, int snapshotLimit, LongSupplier clock) {
        this.mapper = mapper;
        this.snapshotLimit = snapshotLimit;
        this.clock = clock;
    }

    /** Sets header {@link #DUE} when the symbol's increments are unknown and no back-off is running. */
    public void check(Exchange exchange) {
        String symbol = exchange.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class);
        exchange.getMessage().setHeader(DUE, due(symbol));
    }

    boolean due(String symbol) {
        if (symbol == null || known.containsKey(symbol)) {
            return false;
        }
        Retry r = retries.get(symbol);
        return r == null || clock.getAsLong() >= r.atMs();
    }

    /** Takes an exchangeInfo body for the symbol in header {@code context8Symbol}; a body without it is a failure. */
    public void stored(Exchange exchange) {
        String symbol = exchange.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class);
        Increments inc = parse(exchange.getMessage().getBody(String.class), symbol);
        if (inc == null) {
            failed(symbol, "no PRICE_FILTER.tickSize and LOT_SIZE.stepSize for the symbol in the answer");
            return;
        }
        known.put(symbol, inc);
        retries.remove(symbol);
        LOG.info("Increments of {}: tick {} step {} (exchangeInfo)", symbol, inc.tickSize(), inc.stepSize());
    }

    /** The fetch failed (HTTP error, timeout, unreadable body): retry after the back-off. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failed(exchange.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class),
                t == null ? "unknown" : t.getMessage());
    }

    void failed(String symbol, String why) {
        if (symbol == null) {
            return;
        }
        Retry r = retries.compute(symbol, (k, old) -> {
            long delay = old == null ? FIRST_RETRY_MS : Math.min(MAX_RETRY_MS, old.delayMs() * 2);
            return new Retry(clock.getAsLong() + delay, delay);
        });
        LOG.warn("exchangeInfo of {} not available ({}); snapshots carry no increments, analytics uses the observed"
                + " decimals; retried before a snapshot after {} ms", symbol, why, r.delayMs());
    }

    /** Adds {@code tick_size}/{@code step_size} (when known) and {@code limit} to the depth snapshot envelope. */
    public void annotate(Exchange exchange) {
        JsonNode env = exchange.getMessage().getBody(JsonNode.class);
        if (env == null || !(env.get("payload") instanceof ObjectNode payload)) {
            return;
        }
        Increments inc = known.get(env.path("symbol").asText(""));
        if (inc != null) {
            payload.put("tick_size", inc.tickSize());
            payload.put("step_size", inc.stepSize());
        }
        payload.put("limit", snapshotLimit);
    }

    /** The cached increments of a symbol, or null. */
    public Increments get(String symbol) {
        return known.get(symbol);
    }

    /** The symbol's increments in an exchangeInfo body (spot or futures), or null. */
    Increments parse(String body, String symbol) {
        JsonNode root;
        try {
            root = body == null ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
        if (root == null) {
            return null;
        }
        for (JsonNode s : root.path("symbols")) {
            if (!s.path("symbol").asText("").equals(symbol)) {
                continue;
            }
            String tick = null;
            String step = null;
            for (JsonNode f : s.path("filters")) {
                switch (f.path("filterType").asText("")) {
                    case "PRICE_FILTER" -> tick = positive(f.path("tickSize").asText(null));
                    case "LOT_SIZE" -> step = positive(f.path("stepSize").asText(null));
                    default -> {
                    }
                }
            }
            return tick != null && step != null ? new Increments(tick, step) : null;
        }
        return null;
    }

    /** The text when it is a positive decimal of at most 8 significant fractional digits, else null. */
    private static String positive(String text) {
        if (text == null || !KnownPatterns.isDecimal(text, false)) {
            return null;
        }
        try {
            return io.context8.book.Decimals.parse(text) > 0 ? text : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
