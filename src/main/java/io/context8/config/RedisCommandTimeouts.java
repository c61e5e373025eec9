package io.context8.config;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;

/**
 * Per-command timeouts of the Spring templates: the writes of ingest and analytics (the status document, the
 * reports, the market-data pipeline) get {@code context8.redis.write-timeout}; everything else (the serving
 * path's GET and ZREVRANGE, the health PING) keeps {@code spring.data.redis.timeout}, so that an unreachable Redis
 * is answered {@code backend_unavailable} inside the serving budget. With one short timeout for all, the
 * first market-data pipeline after a start (all trades and candles so far, on a cold JVM) timed out at
 * every start ("Pipeline contained one or more invalid commands").
 */
final class RedisCommandTimeouts extends TimeoutOptions.TimeoutSource {

    private static final Set<CommandType> WRITES = EnumSet.of(CommandType.SET, CommandType.SETEX, CommandType.PSETEX,
            CommandType.ZADD, CommandType.ZREMRANGEBYRANK, CommandType.ZREMRANGEBYSCORE, CommandType.EXPIRE,
            CommandType.PEXPIRE, CommandType.DEL);

    private final long readNanos;
    private final long writeNanos;

    RedisCommandTimeouts(Duration read, Duration write) {
        this.readNanos = read.toNanos();
        this.writeNanos = write.toNanos();
    }

    @Override
    public long getTimeout(RedisCommand<?, ?, ?> command) {
        return command.getType() instanceof CommandType t && WRITES.contains(t) ? writeNanos : readNanos;
    }

    @Override
    public TimeUnit getTimeUnit() {
        return TimeUnit.NANOSECONDS;
    }
}
