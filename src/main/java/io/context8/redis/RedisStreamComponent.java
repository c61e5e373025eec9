package io.context8.redis;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import io.lettuce.core.RedisClient;

/**
 * {@code redis-stream:<key>[?options]}: Redis Streams on Lettuce. The producer appends the body with XADD
 * (pipelined, time- or length-trimmed); the consumer reads a consumer group in batches with XREADGROUP,
 * re-reads its own pending entries first, and XACKs a batch only after the route processed it.
 * No Camel artifact does Redis Streams, hence this small component.
 */
public class RedisStreamComponent extends DefaultComponent {

    private final RedisClient client;

    public RedisStreamComponent(RedisClient client) {
        this.client = client;
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
