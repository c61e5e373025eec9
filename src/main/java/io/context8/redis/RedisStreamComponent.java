package io.context8.redis;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.context8.errors.ErrorCounters;
import io.lettuce.core.RedisClient;

/**
 * {@code redis-stream:<key>[?options]}: Redis Streams on Lettuce. The producer appends the body with XADD
 * (pipelined, time- or length-trimmed); the consumer reads a consumer group in batches with XREADGROUP,
 * re-reads its own pending entries first, and XACKs a batch only after the route processed it.
 * No Camel artifact does Redis Streams, hence this small component.
 */
public class RedisStreamComponent extends DefaultComponent {

    private final RedisClient client;
    /**
     * The {@code context8_errors_total{component="stream"}} types registered at 0 at start: failed XADDs, pending
     * entries trimmed away before they were processed, and dead-lettered entries by kind (the consumer's
     * {@code max_deliveries} and the analytics engine's rejections).
     */
    public static final java.util.List<String> KNOWN_ERROR_TYPES = java.util.List.of("xadd_failed", "trimmed_pending",
            "dead_letter_max_deliveries", "dead_letter_no_event_field", "dead_letter_not_json",
            "dead_letter_unknown_type", "dead_letter_bad_payload");

    private final ErrorCounters errors;
    private final AtomicLong deadLetters = new AtomicLong();
    private volatile java.util.function.Consumer<String> writesRecovered = key -> { };
    /** Keys whose last XADD failed, whichever producer wrote it (the frame and the snapshot routes share a key). */
    private final java.util.Set<String> failingKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param errors counts dead-lettered entries ({@code dead_letter_<kind>}) and pending entries trimmed
     *               before they were processed ({@code trimmed_pending})
     */
    public RedisStreamComponent(RedisClient client, ErrorCounters errors) {
        this.client = client;
        this.errors = errors;
    }

    /** Entries this component moved to a dead-letter stream since start. */
    public long deadLetters() {
        return deadLetters.get();
    }

    /**
     * Called with the stream key when XADDs to it succeed again after one or more failed (entries were lost in
     * between, e.g. during a Redis outage). Runs on a Lettuce thread: keep it short.
     */
    public void onWritesRecovered(java.util.function.Consumer<String> listener) {
        this.writesRecovered = listener;
    }

    /** An XADD to {@code key} failed (by any producer of the key). */
    void writeFailed(String key) {
        failingKeys.add(key);
    }

    /**
     * An XADD to {@code key} succeeded; tells the listener and returns true when the key was failing. Per key,
     * not per producer: when one producer's write fails after another's already worked again (the snapshot
     * fetched for the resync lost just after the outage), the next success of either triggers another resync.
     */
    boolean writeSucceeded(String key) {
        if (failingKeys.isEmpty() || !failingKeys.remove(key)) {
            return false;
        }
        writesRecovered.accept(key);
        return true;
    }

    void count(String type, long n) {
        if (type.startsWith("dead_letter_")) {
            deadLetters.addAndGet(n);
        }
        for (long i = 0; i < n; i++) {
            errors.increment(type);
        }
    }

    RedisClient client() {
        return client;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("redis-stream: needs a stream key, e.g. redis-stream:nt:binance");
        }
        RedisStreamEndpoint endpoint = new RedisStreamEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
