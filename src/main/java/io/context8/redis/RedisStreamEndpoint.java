package io.context8.redis;

import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;

/** Endpoint of the {@code redis-stream:} component; options are plain setters bound from the URI. */
public class RedisStreamEndpoint extends DefaultEndpoint {

    private final String key;
    private String group = "context8";
    private String consumerName = "consumer-1";
    private int batchSize = 500;
    private long blockMs = 100;
    private long retentionMs;
    private long maxLen;
    private int maxInFlight = 10_000;
    private boolean sendEmptyWhenIdle = true;
    private String startId = "0";
    private long claimIdleMs = 30_000;
    private int maxDeliveries = 5;
    private String deadLetterKey = "";
    private long deadLetterMaxLen = 10_000;
    private boolean rebuild;

    public RedisStreamEndpoint(String uri, RedisStreamComponent component, String key) {
        super(uri, component);
        this.key = key;
    }

    @Override
    public Producer createProducer() {
        return new RedisStreamProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        RedisStreamConsumer consumer = new RedisStreamConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public RedisStreamComponent getComponent() {
        return (RedisStreamComponent) super.getComponent();
    }

    public String getKey() {
        return key;
    }

    public String getGroup() {
        return group;
    }

    /** Consumer group name (created with MKSTREAM when missing). */
    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumerName() {
        return consumerName;
    }

    /** Consumer name within the group: keep it stable per instance so a restart resumes its pending entries. */
    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    public int getBatchSize() {
        return batchSize;
    }

    /** XREADGROUP COUNT: entries per exchange. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public long getBlockMs() {
        return blockMs;
    }

    /** XREADGROUP BLOCK in milliseconds; an idle poll returns after this long. */
    public void setBlockMs(long blockMs) {
        this.blockMs = blockMs;
    }

    public long getRetentionMs() {
        return retentionMs;
    }

    /** Producer: trim entries older than this (XADD MINID ~ now-retention); 0 disables time trimming. */
    public void setRetentionMs(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    /** Producer: the retention as a duration text ({@code 30m}, {@code 90s}, {@code PT30M}). */
    public void setRetention(String retention) {
        this.retentionMs = durationMs(retention);
    }

    /** Consumer: the block timeout as a duration text ({@code 100ms}, {@code 1s}). */
    public void setBlock(String block) {
        this.blockMs = durationMs(block);
    }

    /** Parses Spring-style ({@code 100ms}, {@code 30m}) or ISO-8601 ({@code PT30M}) duration text. */
    static long durationMs(String text) {
        String t = text.trim();
        return t.startsWith("P") || t.startsWith("p")
                ? java.time.Duration.parse(t).toMillis()
                : org.apache.camel.util.TimeUtils.toMilliSeconds(t);
    }

    public long getMaxLen() {
        return maxLen;
    }

    /** Producer: XADD MAXLEN ~ n; 0 disables length trimming. */
    public void setMaxLen(long maxLen) {
        this.maxLen = maxLen;
    }

    public int getMaxInFlight() {
        return maxInFlight;
    }

    /** Producer: at most this many pipelined XADDs awaiting a reply; the route waits beyond it. */
    public void setMaxInFlight(int maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    public boolean isSendEmptyWhenIdle() {
        return sendEmptyWhenIdle;
    }

    /** Consumer: send an exchange with an empty list when a read times out, so routes can do idle work. */
    public void setSendEmptyWhenIdle(boolean sendEmptyWhenIdle) {
        this.sendEmptyWhenIdle = sendEmptyWhenIdle;
    }

    public String getStartId() {
        return startId;
    }

    /** Consumer: where a newly created group starts ({@code 0} = the whole retained stream, {@code $} = new only). */
    public void setStartId(String startId) {
        this.startId = startId;
    }

    public long getClaimIdleMs() {
        return claimIdleMs;
    }

    /**
     * Consumer: entries pending longer than this (a dead consumer's, or a batch of this one that failed) are
     * claimed with XAUTOCLAIM and delivered again; 0 disables claiming.
     */
    public void setClaimIdleMs(long claimIdleMs) {
        this.claimIdleMs = claimIdleMs;
    }

    /** Consumer: the claim idle time as a duration text ({@code 30s}, {@code PT30S}). */
    public void setClaimIdle(String claimIdle) {
        this.claimIdleMs = durationMs(claimIdle);
    }

    public int getMaxDeliveries() {
        return maxDeliveries;
    }

    /** Consumer: an entry delivered more often than this without success goes to the dead-letter stream. */
    public void setMaxDeliveries(int maxDeliveries) {
        this.maxDeliveries = maxDeliveries;
    }

    /** The dead-letter stream key: the configured one, or {@code <key>:dead}. */
    public String getDeadLetterKey() {
        return deadLetterKey == null || deadLetterKey.isBlank() ? key + ":dead" : deadLetterKey;
    }

    /** Consumer: stream that receives entries the route rejected or that failed too often (with the reason). */
    public void setDeadLetterKey(String deadLetterKey) {
        this.deadLetterKey = deadLetterKey;
    }

    public long getDeadLetterMaxLen() {
        return deadLetterMaxLen;
    }

    /** Consumer: the dead-letter stream is trimmed to about this many entries (XADD MAXLEN ~). */
    public void setDeadLetterMaxLen(long deadLetterMaxLen) {
        this.deadLetterMaxLen = deadLetterMaxLen;
    }

    public boolean isRebuild() {
        return rebuild;
    }

    /**
     * Consumer: on start, first re-read the retained stream up to the group's last delivered id (XRANGE, no
     * ack, header {@link RedisStreamConstants#REBUILD} true), so an in-memory state lost with the process is
     * rebuilt before new entries are applied. Needs an idempotent route.
     */
    public void setRebuild(boolean rebuild) {
        this.rebuild = rebuild;
    }
}
