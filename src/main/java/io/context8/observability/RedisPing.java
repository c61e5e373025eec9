package io.context8.observability;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The {@code redis} health contributor (replacing Spring Boot's, whose DOWN answer names the exception class and
 * message): UP when Redis answers PING, else DOWN with {@code "error": "unreachable"}.
 */
public final class RedisPing implements HealthIndicator {

    private final RedisConnectionFactory connections;

    public RedisPing(RedisConnectionFactory connections) {
        this.connections = connections;
    }

    @Override
    public Health health() {
        try (RedisConnection c = connections.getConnection()) {
            c.ping();
            return Health.up().build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("error", "unreachable").build();
        }
    }
}
