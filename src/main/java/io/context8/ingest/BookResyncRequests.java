package io.context8.ingest;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.redis.RedisStreamConstants;
import io.context8.redis.StreamEntry;

/**
 * Ingest's side of the book resync requests that analytics writes to a Redis stream when a book is suspect
 * (route {@code consume-resync-requests}): a request for a configured symbol restarts that symbol's diff
 * sequence ({@link IngestFrames#restartSequence}) and sets {@code context8Resync=true} so the route fetches a
 * fresh depth snapshot; at most one per symbol per {@code minIntervalMs}, whatever analytics sends (a backlog
 * read after an ingest restart costs one snapshot, not one per entry). Other requests set
 * {@code context8Resync=false} and are logged.
 */
public class BookResyncRequests {

    private static final Logger LOG = LoggerFactory.getLogger(BookResyncRequests.class);

    private final IngestFrames frames;
    private final Set<String> symbols;
    private final long minIntervalMs;
    private final LongSupplier clock;
    private final Map<String, Long> lastAccepted = new ConcurrentHashMap<>();

    public BookResyncRequests(IngestFrames frames, Set<String> symbols, long minIntervalMs, LongSupplier clock) {
        this.frames = frames;
        this.symbols = Set.copyOf(symbols);
        this.minIntervalMs = minIntervalMs;
        this.clock = clock;
    }

    /** Body: one {@link StreamEntry} of the request stream; sets {@code context8Symbol} and {@code context8Resync}. */
    public void accept(Exchange exchange) {
        StreamEntry entry = exchange.getMessage().getBody(StreamEntry.class);
        String symbol = entry == null ? null : entry.field(RedisStreamConstants.FIELD_SYMBOL);
        boolean fetch = accept(symbol, entry == null ? "" : entry.field(RedisStreamConstants.FIELD_EVENT));
        exchange.getMessage().setHeader(RedisStreamConstants.SYMBOL, symbol);
        exchange.getMessage().setHeader(IngestFrames.RESYNC, fetch);
    }

    /** True when a snapshot of {@code symbol} is to be fetched now (the sequence was restarted). */
    boolean accept(String symbol, String request) {
        if (symbol == null || !symbols.contains(symbol)) {
            LOG.warn("Ignored a book resync request for a symbol ingest does not follow: {}", request);
            return false;
        }
        long now = clock.getAsLong();
        Long last = lastAccepted.get(symbol);
        if (last != null && now - last < minIntervalMs) {
            return false;
        }
        lastAccepted.put(symbol, now);
        frames.restartSequence(symbol);
        LOG.warn("Analytics asked for a fresh depth snapshot of {}: {}", symbol, request);
        return true;
    }
}
