package io.context8.redis;

import java.util.Map;

/**
 * One Redis stream entry as delivered by the {@code redis-stream:} consumer.
 *
 * @param id     the stream entry id ({@code <ms>-<seq>})
 * @param fields the entry's field/value pairs
 */
public record StreamEntry(String id, Map<String, String> fields) {

    public String field(String name) {
        return fields.get(name);
    }
}
