package io.context8.mcp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deeply unmodifiable views of parsed JSON ({@code Map}/{@code List} trees, key order kept), so that a tool's
 * {@code structuredContent} can be validated once and then shared between calls and threads.
 */
final class FrozenJson {

    private static final Class<?> FROZEN_MAP = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();

    private FrozenJson() {
    }

    /** A deep copy of {@code tree} in which every map and list is unmodifiable. Allocates. */
    static Map<String, Object> freeze(Map<String, Object> tree) {
        return freezeMap(tree);
    }

    /** True when {@code content} came from {@link #freeze} (or is another unmodifiable map view). */
    static boolean isFrozen(Object content) {
        return content != null && content.getClass() == FROZEN_MAP;
    }

    @SuppressWarnings("unchecked")
    private static Object freezeValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return freezeMap((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object o : list) {
                copy.add(freezeValue(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    private static Map<String, Object> freezeMap(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>(Math.max(4, map.size() * 2));
        for (Map.Entry<String, Object> e : map.entrySet()) {
            copy.put(e.getKey(), freezeValue(e.getValue()));
        }
        return Collections.unmodifiableMap(copy);
    }
}
