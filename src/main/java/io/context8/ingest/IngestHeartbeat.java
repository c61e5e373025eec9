package io.context8.ingest;

import org.apache.camel.Exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prepares the {@code spring-redis} SETEX of ingest's status document (key, value, TTL in seconds). */
public class IngestHeartbeat {

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
