package io.context8.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

import io.context8.testsupport.RedisServerProcess;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandType;

/**
 * The templates' per-command timeouts: a large write pipeline (as the first market-data flush after a start) is
 * not held to the serving reads' short timeout, which made it fail at every start; reads keep it.
 */
class RedisCommandTimeoutsTest {

    @Test
    void aLargeWritePipelineSucceedsWhereReadsHaveAOneMillisecondTimeout() {
        RedisProperties redis = new RedisProperties();
        redis.setTimeout(Duration.ofMillis(1));
        Context8Properties props = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("context8", Context8Properties.class);
        // as Spring Boot builds it: the command timeout from spring.data.redis.timeout, then the customizers
        LettuceClientConfiguration.LettuceClientConfigurationBuilder builder = LettuceClientConfiguration.builder()
                .commandTimeout(redis.getTimeout());
        new RedisConfiguration().failFastRedisClient(redis, props).customize(builder);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisStandaloneConfiguration("127.0.0.1", RedisServerProcess.shared().port()), builder.build());
        factory.afterPropertiesSet();
        factory.start();
        try {
            StringRedisTemplate template = new StringRedisTemplate(factory);
            template.delete("timeouts-test");
            long t0 = System.nanoTime();
            assertThatCode(() -> template.executePipelined((RedisCallback<Object>) connection -> {
                StringRedisConnection c = (StringRedisConnection) connection;
                for (int i = 0; i < 2_000; i++) {
                    c.zAdd("timeouts-test", i, "trade-" + i);
                }
                c.pExpire("timeouts-test", 60_000);
                return null;
            })).doesNotThrowAnyException();
            System.out.printf("2000 ZADDs in one pipeline: %.1f ms%n", (System.nanoTime() - t0) / 1e6);
            assertThat(template.opsForZSet().size("timeouts-test")).isEqualTo(2_000L);
            // a command that is not a write keeps the short timeout: a BLPOP Redis would hold for 1 s fails first
            long t1 = System.nanoTime();
            assertThatThrownBy(() -> template.opsForList().leftPop("timeouts-test-empty", Duration.ofSeconds(1)))
                    .hasRootCauseInstanceOf(io.lettuce.core.RedisCommandTimeoutException.class);
            System.out.printf("BLPOP with a 1 ms read timeout failed after %.1f ms%n", (System.nanoTime() - t1) / 1e6);
        } finally {
            factory.destroy();
        }
    }

    @Test
    void writesGetTheWriteTimeoutAndReadsTheServingTimeout() {
        RedisCommandTimeouts t = new RedisCommandTimeouts(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (CommandType write : new CommandType[] {CommandType.ZADD, CommandType.PSETEX, CommandType.SETEX,
                CommandType.SET, CommandType.PEXPIRE, CommandType.ZREMRANGEBYRANK}) {
            assertThat(t.getTimeUnit().toMillis(t.getTimeout(new Command<>(write, null)))).as(write.name()).isEqualTo(2000);
        }
        for (CommandType read : new CommandType[] {CommandType.GET, CommandType.ZREVRANGE, CommandType.PING}) {
            assertThat(t.getTimeUnit().toMillis(t.getTimeout(new Command<>(read, null)))).as(read.name()).isEqualTo(100);
        }
    }
}
