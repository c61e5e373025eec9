package io.context8.redis;

/** Header and field names used by the {@code redis-stream:} component. */
public final class RedisStreamConstants {

    /** Producer: optional header copied into the entry's {@code type} field. */
    public static final String TYPE = "context8Type";
    /** Producer: optional header copied into the entry's {@code symbol} field. */
    public static final String SYMBOL = "context8Symbol";
    /** Consumer: number of entries in the batch (0 on an idle poll). */
    public static final String BATCH_SIZE = "context8StreamBatchSize";
    /** Consumer: true when the batch holds entries re-read from this consumer's pending list. */
    public static final String REDELIVERED = "context8StreamRedelivered";

    /** Entry field that carries the message body. */
    public static final String FIELD_EVENT = "event";
    public static final String FIELD_TYPE = "type";
    public static final String FIELD_SYMBOL = "symbol";

    private RedisStreamConstants() {
    }
}
