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

    public IngestHeartbeat(IngestStatus status, ObjectMapper mapper, String venue, long ttlSeconds) {
        this.status = status;
        this.mapper = mapper;
        this.key = key(venue);
        this.ttlSeconds = Math.max(1, ttlSeconds);
    }

    public void prepare(Exchange exchange) throws JsonProcessingException {
        String json = mapper.writeValueAsString(status.heartbeat(System.currentTimeMillis()));
        exchange.getMessage().setHeader("CamelRedis.Key", key);
        exchange.getMessage().setHeader("CamelRedis.Value", json);
        exchange.getMessage().setHeader("CamelRedis.Timeout", ttlSeconds);
        exchange.getMessage().setBody(json);
    }
}
