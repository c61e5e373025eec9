package io.context8.sinks;

import java.util.HashMap;
import java.util.Map;

import org.apache.camel.Header;

/**
 * Passes the first report of each symbol and then every {@code n}-th one of that symbol ({@code n = 1}: every
 * report). One instance per sink route, called on the sink's single consumer thread.
 */
public final class EveryNth {

    private final int n;
    private final Map<String, long[]> seen = new HashMap<>();

    /** @param n 1 or more */
    public EveryNth(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("every must be 1 or more, got " + n);
        }
        this.n = n;
    }

    /** True for the 1st, (n+1)-th, (2n+1)-th... report of the symbol (a missing symbol counts as one). */
    public boolean take(@Header(ReportTap.SYMBOL_HEADER) String symbol) {
        long[] count = seen.computeIfAbsent(symbol == null ? "" : symbol, s -> new long[1]);
        return count[0]++ % n == 0;
    }
}
