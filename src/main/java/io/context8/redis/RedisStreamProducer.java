package io.context8.redis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * XADD producer. Writes are pipelined on one connection (Lettuce keeps per-connection order, so stream
 * order equals route order) with a bounded number in flight; {@link #awaitFlushed(long)} waits for all
 * replies. A failed XADD is counted ({@code context8_errors_total{component="stream",type="xadd_failed"}}) and
 * logged; the route is not blocked by a slow reply, only by the cap. When XADDs succeed again after failures
 * the component's write-recovery listener is told (ingest then resyncs its books: entries were lost).
 */
public class RedisStreamProducer extends DefaultProducer {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStreamProducer.class);

    private final RedisStreamEndpoint endpoint;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private Semaphore inFlight;
    private StatefulRedisConnection<String, String> connection;
    private RedisAsyncCommands<String, String> async;

    public RedisStreamProducer(RedisStreamEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        inFlight = new Semaphore(endpoint.getMaxInFlight());
        connection = endpoint.getComponent().client().connect();
        async = connection.async();
    }

    @Override
    protected void doStop() throws Exception {
        awaitFlushed(5_000);
        if (connection != null) {
            connection.close();
        }
        super.doStop();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        // A JSON tree (the ingest route validates envelopes as trees) is written as its compact JSON text
        // directly: Camel's generic JsonNode-to-String converter looks up an ObjectMapper on every call.
        Object raw = exchange.getMessage().getBody();
        String body = raw instanceof JsonNode tree ? tree.toString() : exchange.getMessage().getMandatoryBody(String.class);
        Map<String, String> fields = new LinkedHashMap<>(4);
        String type = exchange.getMessage().getHeader(RedisStreamConstants.TYPE, String.class);
        String symbol = exchange.getMessage().getHeader(RedisStreamConstants.SYMBOL, String.class);
        if (type != null) {
            fields.put(RedisStreamConstants.FIELD_TYPE, type);
        }
        if (symbol != null) {
            fields.put(RedisStreamConstants.FIELD_SYMBOL, symbol);
        }
        fields.put(RedisStreamConstants.FIELD_EVENT, body);
        XAddArgs args = new XAddArgs();
        if (endpoint.getRetentionMs() > 0) {
            args.minId((System.currentTimeMillis() - endpoint.getRetentionMs()) + "-0").approximateTrimming();
        } else if (endpoint.getMaxLen() > 0) {
            args.maxlen(endpoint.getMaxLen()).approximateTrimming();
        }
        if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("redis-stream: no XADD reply for 30 s with "
                    + endpoint.getMaxInFlight() + " writes in flight");
        }
        async.xadd(endpoint.getKey(), args, fields).whenComplete((id, error) -> {
            inFlight.release();
            if (error == null) {
                written.incrementAndGet();
                if (endpoint.getComponent().writeSucceeded(endpoint.getKey())) {
                    LOG.warn("XADD to {} works again after {} failures", endpoint.getKey(), failed.get());
                }
            } else {
                endpoint.getComponent().writeFailed(endpoint.getKey());
                endpoint.getComponent().count("xadd_failed", 1);
                long n = failed.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("XADD to {} failed ({} failures so far): {}", endpoint.getKey(), n, error.toString());
                }
            }
        });
    }

    /** Waits until every pipelined XADD has a reply, or the timeout passes; true when all replied. */
    public boolean awaitFlushed(long timeoutMs) throws InterruptedException {
        int permits = endpoint.getMaxInFlight();
        if (inFlight == null) {
            return true;
        }
        if (inFlight.tryAcquire(permits, timeoutMs, TimeUnit.MILLISECONDS)) {
            inFlight.release(permits);
            return true;
        }
        return false;
    }

    public long written() {
        return written.get();
    }

    public long failed() {
        return failed.get();
    }
}
