package io.context8.mcp;

import java.util.Optional;

/** Reads published reports; the serving side computes nothing. */
public interface ReportReader {

    /**
     * The report JSON text for an (uppercase) symbol, or empty when no report exists.
     *
     * @throws BackendUnavailableException when the store cannot be reached in time
     */
    Optional<String> read(String symbol);
}
