package io.context8.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.models.stream.PendingMessage;

/**
 * Consumer-group reader. One thread, one dedicated connection, in this order:
 * <ol>
 * <li>create the group when missing (MKSTREAM);</li>
 * <li>with {@code rebuild=true}, once per start: re-read the retained stream up to the group's last delivered
 * id (XRANGE; header {@link RedisStreamConstants#REBUILD}; nothing acked), so in-memory state lost with a
 * killed process is rebuilt;</li>
 * <li>re-read this consumer's own pending entries ({@code XREADGROUP ... 0});</li>
 * <li>then new entries ({@code >}) in batches with a blocking read, and every half {@code claimIdle} claim
 * entries pending longer than {@code claimIdle} (XAUTOCLAIM: a dead consumer's, or a failed batch of this
 * one).</li>
 * </ol>
 * Each batch is one exchange whose body is a {@code List<StreamEntry>}; it is XACKed only when the exchange
 * completed without an exception. Entries the route rejected (exchange property
 * {@link RedisStreamConstants#DEAD_LETTERS}) are first copied to the dead-letter stream with the reason.
 * Re-delivered entries (pending or claimed) are delivered one per exchange, so one poison entry cannot hold
 * back a batch; one delivered more than {@code maxDeliveries} times (XPENDING count) is dead-lettered instead.
 * A lost group (NOGROUP, e.g. Redis restarted without persistence) is re-created; connection errors back off
 * exponentially up to 5 s.
 */
public class RedisStreamConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamConsumer.class);
    /** One WARN line per back-off step of a read failing again and again (Redis unreachable). */
    private final io.context8.errors.FailureLog failures = new io.context8.errors.FailureLog(LOG);
    private static final int MAX_REMEMBERED_ERRORS = 10_000;

    private final RedisStreamEndpoint endpoint;
    private final Map<String, String> lastErrors = new HashMap<>();
    private ExecutorService executor;
    private volatile boolean running;
    private StatefulRedisConnection<String, String> connection;
    private long nextClaimMs;
    private String claimCursor = "0-0";

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
        boolean rebuildDone = !endpoint.isRebuild();
        String rebuildFrom = null; // last id rebuilt (exclusive start of the next XRANGE)
        String rebuildTo = null;
        long backoffMs = 100;
        Consumer<String> me = Consumer.from(endpoint.getGroup(), endpoint.getConsumerName());
        while (running && isRunAllowed()) {
            try {
                RedisCommands<String, String> redis = commands();
                if (!groupReady) {
                    createGroup(redis);
                    groupReady = true;
                    pendingFirst = true;
                    if (!rebuildDone && rebuildTo == null) {
                        rebuildTo = lastDeliveredId(redis);
                        LOG.info("Rebuilding state from {} up to {}", endpoint.getKey(), rebuildTo);
                    }
                }
                if (!rebuildDone) {
                    List<StreamMessage<String, String>> history = rebuildTo == null || "0-0".equals(rebuildTo)
                            ? List.of()
                            : redis.xrange(endpoint.getKey(), Range.from(rebuildFrom == null
                                    ? Range.Boundary.unbounded() : Range.Boundary.excluding(rebuildFrom),
                                    Range.Boundary.including(rebuildTo)), Limit.from(endpoint.getBatchSize()));
                    if (!history.isEmpty()) {
                        rebuildFrom = history.get(history.size() - 1).getId();
                        deliver(redis, history, Mode.REBUILD);
                    }
                    if (history.size() < endpoint.getBatchSize()) {
                        rebuildDone = true;
                        LOG.info("State rebuilt from {} up to {}", endpoint.getKey(), rebuildTo);
                    }
                    continue;
                }
                if (pendingFirst) {
                    List<StreamMessage<String, String>> own = redis.xreadgroup(me,
                            XReadArgs.Builder.count(endpoint.getBatchSize()),
                            XReadArgs.StreamOffset.from(endpoint.getKey(), "0"));
                    if (own.isEmpty()) {
                        pendingFirst = false;
                    } else {
                        deliverRedelivered(redis, own);
                    }
                    continue;
                }
                if (claimDue()) {
                    ClaimedMessages<String, String> claimed = redis.xautoclaim(endpoint.getKey(),
                            XAutoClaimArgs.Builder.xautoclaim(me, Duration.ofMillis(endpoint.getClaimIdleMs()),
                                    claimCursor).count(endpoint.getBatchSize()));
                    claimCursor = claimed.getId() == null ? "0-0" : claimed.getId();
                    if (!claimed.getMessages().isEmpty()) {
                        LOG.warn("Claimed {} entries of {} idle for over {} ms", claimed.getMessages().size(),
                                endpoint.getKey(), endpoint.getClaimIdleMs());
                        deliverRedelivered(redis, claimed.getMessages());
                        continue;
                    }
                }
                List<StreamMessage<String, String>> messages = redis.xreadgroup(me,
                        XReadArgs.Builder.count(endpoint.getBatchSize()).block(endpoint.getBlockMs()),
                        XReadArgs.StreamOffset.lastConsumed(endpoint.getKey()));
                backoffMs = 100;
                if (messages.isEmpty() && !endpoint.isSendEmptyWhenIdle()) {
                    continue;
                }
                deliver(redis, messages, Mode.NEW);
            } catch (RedisCommandExecutionException e) {
                if (String.valueOf(e.getMessage()).startsWith("NOGROUP")) {
                    LOG.warn("Consumer group {} on {} is gone; re-creating it", endpoint.getGroup(), endpoint.getKey());
                    groupReady = false;
                } else {
                    failures.failed("read", "Redis stream read on {} failed: {}", endpoint.getKey(), e.getMessage());
                    backoffMs = pause(backoffMs);
                }
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                failures.failed("read", "Redis stream read on {} failed ({}); retrying in {} ms", endpoint.getKey(),
                        e.toString(), backoffMs);
                closeConnection();
                groupReady = false;
                backoffMs = pause(backoffMs);
            }
        }
    }

    private enum Mode {
        NEW, REDELIVERED, REBUILD
    }

    private boolean claimDue() {
        if (endpoint.getClaimIdleMs() <= 0) {
            return false;
        }
        long now = System.currentTimeMillis();
        if (now < nextClaimMs) {
            return false;
        }
        nextClaimMs = now + Math.max(100, endpoint.getClaimIdleMs() / 2);
        return true;
    }

    /**
     * Pending or claimed entries: those delivered more than {@code maxDeliveries} times go to the dead-letter
     * stream; the others are delivered one per exchange.
     */
    private void deliverRedelivered(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages) {
        Map<String, Long> counts = new HashMap<>();
        for (PendingMessage p : redis.xpending(endpoint.getKey(), endpoint.getGroup(),
                Range.create(messages.get(0).getId(), messages.get(messages.size() - 1).getId()),
                Limit.from(messages.size()))) {
            counts.put(p.getId(), p.getRedeliveryCount());
        }
        for (StreamMessage<String, String> m : messages) {
            long deliveries = counts.getOrDefault(m.getId(), 1L);
            if (m.getBody() != null && !m.getBody().isEmpty() && deliveries > endpoint.getMaxDeliveries()) {
                String last = lastErrors.remove(m.getId());
                deadLetter(redis, new DeadLetter(new StreamEntry(m.getId(), m.getBody()), "max_deliveries",
                        "delivered " + deliveries + " times without being processed"
                                + (last == null ? "" : "; last error: " + last)), deliveries);
                redis.xack(endpoint.getKey(), endpoint.getGroup(), m.getId());
            } else {
                deliver(redis, List.of(m), Mode.REDELIVERED);
            }
        }
    }

    private void deliver(RedisCommands<String, String> redis, List<StreamMessage<String, String>> messages, Mode mode) {
        List<StreamEntry> entries = new ArrayList<>(messages.size());
        String[] ids = new String[messages.size()];
        int gone = 0;
        for (int i = 0; i < messages.size(); i++) {
            StreamMessage<String, String> m = messages.get(i);
            ids[i] = m.getId();
            if (m.getBody() == null || m.getBody().isEmpty()) {
                gone++; // a pending entry trimmed from the stream before it was processed: nothing left to apply
                continue;
            }
            entries.add(new StreamEntry(m.getId(), m.getBody()));
        }
        if (gone > 0) {
            LOG.warn("{} pending entries of {} were trimmed before they were processed", gone, endpoint.getKey());
            endpoint.getComponent().count("trimmed_pending", gone);
        }
        Exchange exchange = createExchange(false);
        try {
            exchange.getMessage().setBody(entries);
            exchange.getMessage().setHeader(RedisStreamConstants.BATCH_SIZE, entries.size());
            exchange.getMessage().setHeader(RedisStreamConstants.REDELIVERED, mode == Mode.REDELIVERED);
            exchange.getMessage().setHeader(RedisStreamConstants.REBUILD, mode == Mode.REBUILD);
            getProcessor().process(exchange);
            if (mode == Mode.REBUILD) {
                return;
            }
            if (exchange.getException() == null) {
                List<?> rejected = exchange.getProperty(RedisStreamConstants.DEAD_LETTERS, List.class);
                if (rejected != null) {
                    for (Object r : rejected) {
                        deadLetter(redis, (DeadLetter) r, 1);
                    }
                }
                if (ids.length > 0) {
                    redis.xack(endpoint.getKey(), endpoint.getGroup(), ids);
                }
            } else {
                remember(ids, exchange.getException());
                getExceptionHandler().handleException("Batch of " + ids.length + " entries from "
                        + endpoint.getKey() + " failed; left pending", exchange, exchange.getException());
            }
        } catch (Exception e) {
            if (mode != Mode.REBUILD) {
                remember(ids, e);
            }
            // Redis itself failed (e.g. the XACK while it is down): the read loop's back-off logs it, no stack trace
            failures.failed("deliver", "Batch from {} failed; left pending: {}", endpoint.getKey(), e.toString());
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void remember(String[] ids, Exception e) {
        if (lastErrors.size() > MAX_REMEMBERED_ERRORS) {
            lastErrors.clear();
        }
        for (String id : ids) {
            lastErrors.put(id, String.valueOf(e));
        }
    }

    private void deadLetter(RedisCommands<String, String> redis, DeadLetter dl, long deliveries) {
        Map<String, String> fields = new LinkedHashMap<>(dl.entry().fields());
        fields.put(RedisStreamConstants.FIELD_DL_SOURCE_ID, dl.entry().id());
        fields.put(RedisStreamConstants.FIELD_DL_KIND, dl.kind());
        fields.put(RedisStreamConstants.FIELD_DL_REASON, dl.reason());
        fields.put(RedisStreamConstants.FIELD_DL_DELIVERIES, Long.toString(deliveries));
        XAddArgs args = new XAddArgs();
        if (endpoint.getDeadLetterMaxLen() > 0) {
            args.maxlen(endpoint.getDeadLetterMaxLen()).approximateTrimming();
        }
        redis.xadd(endpoint.getDeadLetterKey(), args, fields);
        endpoint.getComponent().count("dead_letter_" + dl.kind(), 1);
        long n = endpoint.getComponent().deadLetters();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("Entry {} of {} moved to {} (#{}): {} ({})", dl.entry().id(), endpoint.getKey(),
                    endpoint.getDeadLetterKey(), n, dl.kind(), dl.reason());
        }
    }

    /** The group's last delivered id (XINFO GROUPS), or null when unknown. */
    private String lastDeliveredId(RedisCommands<String, String> redis) {
        for (Object g : redis.xinfoGroups(endpoint.getKey())) {
            if (g instanceof List<?> kv) {
                Map<String, Object> info = new HashMap<>();
                for (int i = 0; i + 1 < kv.size(); i += 2) {
                    info.put(String.valueOf(kv.get(i)), kv.get(i + 1));
                }
                if (endpoint.getGroup().equals(String.valueOf(info.get("name")))) {
                    Object id = info.get("last-delivered-id");
                    return id == null ? null : String.valueOf(id);
                }
            }
        }
        return null;
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
