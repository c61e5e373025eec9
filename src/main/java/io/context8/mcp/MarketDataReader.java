package io.context8.mcp;

import java.util.List;
import java.util.Optional;

/** Reads what the analytics role wrote for the MCP tools besides the report; the serving side computes nothing. */
public interface MarketDataReader {

    /**
     * The string at {@code key}, or empty when the key does not exist.
     *
     * @throws BackendUnavailableException when the store cannot be reached in time
     */
    Optional<String> get(String key);

    /**
     * The {@code count} highest-scored members of the sorted set at {@code key}, highest first (empty when the
     * key does not exist).
     *
     * @throws BackendUnavailableException when the store cannot be reached in time
     */
    List<String> newest(String key, int count);
}
