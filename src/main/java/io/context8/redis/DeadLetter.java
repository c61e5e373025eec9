package io.context8.redis;

/**
 * A stream entry the route could not use, to be moved to the dead-letter stream by the consumer (after the
 * batch, before its XACK). A route hands them back in the exchange property
 * {@link RedisStreamConstants#DEAD_LETTERS} as a {@code List<DeadLetter>}.
 *
 * @param entry  the entry as read
 * @param kind   short machine-readable class of the problem ({@code not_json}, {@code unknown_type}, ...),
 *               also the {@code type} tag of the error counter
 * @param reason human-readable reason
 */
public record DeadLetter(StreamEntry entry, String kind, String reason) {
}
