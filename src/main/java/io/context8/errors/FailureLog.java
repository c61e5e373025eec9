package io.context8.errors;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * Logs a failure that repeats (Redis unreachable: a step fails every second, or on every frame) as one WARN line
 * per back-off step instead of one per failure: per kind, the 1st, 2nd, 4th, 8th, ... failure in a row is logged,
 * each line saying how many there were and since when. A kind without a failure for {@link #QUIET_MS} starts over,
 * so a later, unrelated failure is logged at once. Counting is the caller's (Micrometer); this only shapes the log.
 * Thread-safe.
 */
public final class FailureLog {

    /** A kind quiet this long is logged again at its next failure. */
    public static final long QUIET_MS = 60_000;

    private final Logger log;
    private final LongSupplier clock;
    private final Map<String, Run> runs = new HashMap<>();

    private static final class Run {
        long count;
        long firstMs;
        long lastMs;
    }

    public FailureLog(Logger log) {
        this(log, System::currentTimeMillis);
    }

    public FailureLog(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * A failure of {@code kind}; logs {@code message} (an SLF4J pattern with {@code args}) when its count in a row is
     * a power of two, with the count and the time of the first one appended. True when it logged.
     */
    public boolean failed(String kind, String message, Object... args) {
        long now = clock.getAsLong();
        long n;
        long since;
        synchronized (runs) {
            Run r = runs.computeIfAbsent(kind, k -> new Run());
            if (r.count > 0 && now - r.lastMs > QUIET_MS) {
                r.count = 0;
            }
            if (r.count == 0) {
                r.firstMs = now;
            }
            r.count++;
            r.lastMs = now;
            n = r.count;
            since = r.firstMs;
        }
        if (Long.bitCount(n) != 1) {
            return false;
        }
        if (log.isWarnEnabled()) {
            String suffix = n == 1 ? "" : " (" + n + " in a row since " + java.time.Instant.ofEpochMilli(since)
                    + "; next line at " + 2 * n + ")";
            Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
            all[args.length] = suffix;
            log.warn(message + "{}", all);
        }
        return true;
    }
}
