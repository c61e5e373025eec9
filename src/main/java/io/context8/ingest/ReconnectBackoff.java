package io.context8.ingest;

/**
 * Delay before the next websocket reconnect attempt: exponential growth from {@code initialMs} by
 * {@code multiplier} per failed attempt, capped at {@code maxMs}, minus a random share of up to
 * {@code jitter} of it (so many clients cut off together do not reconnect in lock-step; Binance allows 300
 * connection attempts per 5 minutes per IP). Pure: the random number is passed in.
 */
public record ReconnectBackoff(long initialMs, long maxMs, double multiplier, double jitter) {

    public ReconnectBackoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("need 1 <= initialMs <= maxMs, got " + initialMs + ", " + maxMs);
        }
        if (multiplier < 1 || !(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("need multiplier >= 1 and 0 <= jitter <= 1");
        }
    }

    /**
     * The delay before attempt {@code attempt} (0 = the first attempt after a connection was lost).
     *
     * @param random01 a uniform random number in [0, 1)
     */
    public long delayMs(int attempt, double random01) {
        double base = initialMs;
        for (int i = 0; i < attempt && base < maxMs; i++) {
            base *= multiplier;
        }
        long capped = (long) Math.min(base, maxMs);
        return Math.max(1, capped - (long) (capped * jitter * random01));
    }
}
