package io.context8.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Consumer-group reader. One thread, one dedicated connection: create the group when missing (MKSTREAM),
 * re-read this consumer's own pending entries first ({@code XREADGROUP ... 0}), then new entries
 * ({@code >}) in batches with a blocking read. Each batch is one exchange whose body is a
 * {@code List<StreamEntry>}; the batch is XACKed only when the exchange completed without an exception.
 * A lost group (NOGROUP, e.g. Redis restarted without persistence) is re-created; connection errors back
 * off exponentially up to 5 s.
 */
public class RedisStreamConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);

    private final RedisStreamEndpoint endpoint;
    private ExecutorService executor;
    private volatile boolean running;
    private StatefulRedisConnection<String, String> connection;

    public RedisStreamConsumer(RedisStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        running = true;
        executor = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newSingleThreadExecutor(this, "redis-stream-" + endpoint.getKey());
        executor.submit(this::loop);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (executor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(executor, 10_000);
            executor = null;
        }
        closeConnection();
        super.doStop();
    }

    private void loop() {
        boolean groupReady = false;
        boolean pendingFirst = true;
        long backoffMs = 100;
        Consumer<String> me = Consumer.from(endpoint.getGroup(), endpoint.getConsumerName());
        while (running && isRunAllowed()) {
            try {
                RedisCommands<String, String> redis = commands();
                if (!groupReady) {
                    createGroup(redis);
                    groupReady = true;
                    pendingFirst = true;
                }
                List<StreamMessage<String, String>> messages;
                if (pendingFirst) {
                    messages = redis.xreadgroup(me, XReadArgs.Builder.count(endpoint.getBatchSize()),
                            XReadArgs.StreamOffset.from(endpoint.getKey(), "0"));
                    if (messages.isEmpty()) {
                        pendingFirst = false;
                        continue;
                    }
                } else {
                    messages = redis.xreadgroup(me,
                            XReadArgs.Builder.count(endpoint.getBatchSize()).block(endpoint.getBlockMs()),
                            XReadArgs.StreamOffset.lastConsumed(endpoint.getKey()));
                }
                backoffMs = 100;
                if (messages.isEmpty() && !endpoint.isSendEmptyWhenIdle()) {
                    continue;
                }
                deliver(redis, messages, pendingFirst);
            } catch (RedisCommandExecutionException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    LOG.warn("Consumer group {} on {} is gone; re-creating it", endpoint.getGroup(), endpoint.getKey());
                    groupReady = false;
                } else {
                    LOG.warn("Redis stream read on {} failed: {}", endpoint.getKey(), e.getMessage());
                    backoffMs = pause(backoffMs);
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                LOG.warn("Redis stream read on {} failed ({}); retrying in {} ms", endpoint.getKey(), e.toString(),
                        backoffMs);
                closeConnection();
                groupReady = false;
                backoffMs = pause(backoffMs);
            }
        }
    }

    private void deliver(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages,
            boolean redelivered) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, String> m = messages.get(i);
            entries.add(new StreamEntry(m.getId(), m.getBody()));
            ids[i] = m.getId();
        }
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(entries);
            exchange.getMessage().setHeader(RedisStreamConstants.BATCH_SIZE, entries.size());
            exchange.getMessage().setHeader(RedisStreamConstants.REDELIVERED, redelivered);
            getProcessor().process(exchange);
            if (exchange.getException() == null) {
                if (ids.length > 0) {
                    redis.xack(endpoint.getKey(), endpoint.getGroup(), ids);
                }
            } else {
                getExceptionHandler().handleException("Batch of " + ids.length + " entries from "
                        + endpoint.getKey() + " failed; left pending", exchange, exchange.getException());
            }
        } catch (Exception e) {
            getExceptionHandler().handleException("Batch from " + endpoint.getKey() + " failed; left pending",
                    exchange, e);
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void createGroup(RedisCommands<String, String> redis) {
        try {
            redis.xgroupCreate(XReadArgs.StreamOffset.from(endpoint.getKey(), endpoint.getStartId()),
                    endpoint.getGroup(), XGroupCreateArgs.Builder.mkstream());
            LOG.info("Created consumer group {} on stream {}", endpoint.getGroup(), endpoint.getKey());
        } catch (RedisBusyException e) {
            // BUSYGROUP: the group exists already
        }
    }

    private RedisCommands<String, String> commands() {
        if (connection == null || !connection.isOpen()) {
            closeConnection();
            connection = endpoint.getComponent().client().connect();
            connection.setTimeout(Duration.ofMillis(endpoint.getBlockMs() + 5_000));
        }
        return connection.sync();
    }

    private void closeConnection() {
        StatefulRedisConnection<String, String> c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException ignored) {
                // closing a broken connection
            }
        }
    }

    private long pause(long backoffMs) {
        try {
            Thread.sleep(backoffMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
        return Math.min(backoffMs * 2, 5_000);
    }
}
