package io.context8.ingest;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.context8.errors.FailureLog;

/**
 * Prepares the {@code spring-redis} SETEX of ingest's status document (key, value, TTL in seconds), and logs a
 * failed write (Redis unreachable: every second) as one WARN line per back-off step ({@link FailureLog}).
 */
public class IngestHeartbeat {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHeartbeat.class);
    private final FailureLog failures = new FailureLog(LOG);

    /** Redis key of the ingest status document for a venue. */
    public static String key(String venue) {
        return "context8:ingest:" + venue;
    }

    private final IngestStatus status;
    private final ObjectMapper mapper;
    private final String key;
    private final long ttlSeconds;
    private volatile java.util.function.Supplier<String> replayState;

    public IngestHeartbeat(IngestStatus status, ObjectMapper mapper, String venue, long ttlSeconds) {
        this.status = status;
        this.mapper = mapper;
        this.key = key(venue);
        this.ttlSeconds = Math.max(1, ttlSeconds);
    }

    /**
     * In replay and simulated mode: the replay server's state ({@code waiting}, {@code playing}, {@code pass N},
     * {@code ended}, {@code failed}), published as {@code replay_state} so that the end of a replay is visible.
     */
    public void replayState(java.util.function.Supplier<String> state) {
        this.replayState = state;
    }

    /** A heartbeat not written (route configuration {@code status-errors}); the next tick tries again. */
    public void failed(Exchange exchange) {
        Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        failures.failed("store-ingest-status", "Ingest status not written to Redis ({}); the next heartbeat tries again",
                t == null ? "unknown" : t.getMessage());
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        java.util.Map<String, Object> doc = status.heartbeat(System.currentTimeMillis());
        java.util.function.Supplier<String> replay = replayState;
        if (replay != null) {
            doc.put("replay_state", replay.get());
        }
        String json = mapper.writeValueAsString(doc);
        exchange.getMessage().setHeader("CamelRedis.Key", key);
        exchange.getMessage().setHeader("CamelRedis.Value", json);
        exchange.getMessage().setHeader("CamelRedis.Timeout", ttlSeconds);
        exchange.getMessage().setBody(json);
    }
}
