package io.context8.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.autoconfigure.data.redis.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.context8.errors.ErrorCounters;
import io.context8.redis.RedisStreamComponent;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Redis wiring: the {@code redis-stream:} Camel component on its own Lettuce client, and fail-fast client
 * options for Spring's templates (used by the {@code spring-redis:} endpoints): commands are rejected at once
 * while disconnected instead of queueing, so the serving path can answer {@code backend_unavailable} in time.
 */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {

    /**
     * Lettuce client for the stream component, from the same spring.data.redis settings as the templates and on
     * the same client resources (one set of Netty event-loop threads for the process; shutting this client down
     * leaves the shared resources to Spring).
     */
    @Bean(destroyMethod = "shutdown")
    RedisClient streamRedisClient(RedisProperties redis, ClientResources lettuceClientResources) {
        RedisURI uri;
        if (redis.getUrl() != null && !redis.getUrl().isBlank()) {
            uri = RedisURI.create(redis.getUrl());
        } else {
            uri = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort())
                    .withDatabase(redis.getDatabase()).build();
            if (redis.getPassword() != null) {
                uri.setPassword(redis.getPassword().toCharArray());
            }
            if (redis.getUsername() != null) {
                uri.setUsername(redis.getUsername());
            }
        }
        RedisClient client = RedisClient.create(lettuceClientResources, uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .build());
        return client;
    }

    /** The {@code redis-stream:} Camel component (bean name = URI scheme). */
    @Bean("redis-stream")
    RedisStreamComponent redisStreamComponent(RedisClient streamRedisClient, MeterRegistry meters) {
        return new RedisStreamComponent(streamRedisClient, new ErrorCounters(meters, "stream",
                RedisStreamComponent.KNOWN_ERROR_TYPES));
    }

    /**
     * Reconnect soon after a Redis outage: exponential delays from 100 ms capped at 1 s, for the templates and the
     * stream client alike (they share these resources). Lettuce's default grows to 30 s, which left writes failing
     * for about 6 s after Redis was back in the outage test.
     */
    @Bean
    ClientResourcesBuilderCustomizer promptRedisReconnect() {
        return builder -> builder.reconnectDelay(
                Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS));
    }

    /**
     * Templates: reject commands while disconnected, and time out per command: reads after spring.data.redis.timeout,
     * the writes of ingest and analytics after context8.redis.write-timeout ({@link RedisCommandTimeouts}).
     */
    @Bean
    LettuceClientConfigurationBuilderCustomizer failFastRedisClient(RedisProperties redis, Context8Properties props) {
        Duration timeout = redis.getTimeout() != null ? redis.getTimeout() : Duration.ofMillis(100);
        // Spring waits this long for a whole pipeline (and for a few commands it awaits itself); each command still
        // times out after its own timeout above, so serving reads fail after spring.data.redis.timeout
        return builder -> builder.commandTimeout(props.redis().writeTimeout()).clientOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .autoReconnect(true)
                .timeoutOptions(TimeoutOptions.builder()
                        .timeoutSource(new RedisCommandTimeouts(timeout, props.redis().writeTimeout())).build())
                .build());
    }
}
