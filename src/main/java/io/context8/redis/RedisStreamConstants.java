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
    /**
     * Consumer: true when the batch re-reads history already delivered to the group (state rebuild after a
     * restart, {@code rebuild=true}); such entries are not acknowledged or dead-lettered again.
     */
    public static final String REBUILD = "context8StreamRebuild";
    /** Exchange property a route sets to a {@code List<DeadLetter>}: entries to move to the dead-letter stream. */
    public static final String DEAD_LETTERS = "context8DeadLetters";

    /** Entry field that carries the message body. */
    public static final String FIELD_EVENT = "event";
    public static final String FIELD_TYPE = "type";
    public static final String FIELD_SYMBOL = "symbol";
    /** Dead-letter entry fields added to the original ones. */
    public static final String FIELD_DL_SOURCE_ID = "dead_letter_source_id";
    public static final String FIELD_DL_KIND = "dead_letter_kind";
    public static final String FIELD_DL_REASON = "dead_letter_reason";
    public static final String FIELD_DL_DELIVERIES = "dead_letter_deliveries";

    private RedisStreamConstants() {
    }
}
