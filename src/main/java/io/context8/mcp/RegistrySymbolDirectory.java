package io.context8.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.context8.market.MarketDataJson;

/**
 * The symbols of an MCP process without the analytics role: the registry the analytics processes keep in Redis
 * ({@link MarketDataJson#symbolsKey()}, each symbol refreshed with its reports and dropped after the report
 * TTL), read through the {@code read-market-data} route at most once per {@code refreshMs} and sorted. While
 * Redis cannot be read, the last list read stays in use (the data reads themselves then answer
 * {@code backend_unavailable}) and every call tries again, as does every call while the registry is empty (a
 * failed or empty read at start-up, e.g. the warm-up's first Redis call, must not hide the symbols for a
 * refresh interval).
 */
public final class RegistrySymbolDirectory implements SymbolDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrySymbolDirectory.class);
    /** More symbols than any deployment indexes (Binance allows 1024 streams per connection, 4 per symbol). */
    static final int MAX_SYMBOLS = 1024;

    private final MarketDataReader reader;
    private final long refreshMs;
    private final LongSupplier clock;
    private volatile List<String> symbols = List.of();
    private volatile long readAtMs = Long.MIN_VALUE / 2;
    private volatile boolean failing;

    public RegistrySymbolDirectory(MarketDataReader reader, long refreshMs, LongSupplier clock) {
        this.reader = reader;
        this.refreshMs = refreshMs;
        this.clock = clock;
    }

    @Override
    public List<String> symbols() {
        long now = clock.getAsLong();
        if (now - readAtMs >= refreshMs) {
            synchronized (this) {
                if (now - readAtMs >= refreshMs) {
                    refresh(now);
                }
            }
        }
        return symbols;
    }

    private void refresh(long now) {
        try {
            List<String> read = new ArrayList<>(reader.newest(MarketDataJson.symbolsKey(), MAX_SYMBOLS));
            Collections.sort(read);
            symbols = List.copyOf(read);
            // an empty registry (analytics not reporting yet) is read again at the next call, not a second later
            readAtMs = read.isEmpty() ? Long.MIN_VALUE / 2 : now;
            if (failing) {
                LOG.info("Symbol registry readable again: {}", symbols);
                failing = false;
            }
        } catch (BackendUnavailableException e) {
            if (!failing) {
                LOG.warn("Symbol registry unreadable ({}); keeping {}", e.getMessage(), symbols);
                failing = true;
            }
        }
    }

    /** Reads nothing: the descriptions are built while the routes are not started yet. */
    @Override
    public String describe() {
        return "Indexed symbols: those list_symbols returns (the symbols the analytics role reports on).";
    }
}
