package io.context8.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FrozenJsonTest {

    @Test
    @SuppressWarnings("unchecked")
    void nestedMapsAndListsAreUnmodifiableAndKeepKeyOrder() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", new ArrayList<>(List.of(new LinkedHashMap<>(Map.of("k", "v")))));
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("second", inner);
        root.put("first", "x");

        Map<String, Object> frozen = FrozenJson.freeze(root);

        assertThat(frozen).containsOnlyKeys("second", "first");
        assertThat(List.copyOf(frozen.keySet())).containsExactly("second", "first");
        assertThat(List.copyOf(((Map<String, Object>) frozen.get("second")).keySet())).containsExactly("z", "a");
        assertThatThrownBy(() -> frozen.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        Map<String, Object> frozenInner = (Map<String, Object>) frozen.get("second");
        List<Object> list = (List<Object>) frozenInner.get("a");
        assertThatThrownBy(() -> list.add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((Map<String, Object>) list.get(0)).put("k", "w"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(FrozenJson.isFrozen(frozen)).isTrue();
    }

    @Test
    void aCopyIsNotAView() {
        Map<String, Object> root = new LinkedHashMap<>(Map.of("a", 1));
        Map<String, Object> frozen = FrozenJson.freeze(root);
        root.put("a", 2);
        assertThat(frozen).containsEntry("a", 1);
        assertThat(FrozenJson.isFrozen(root)).isFalse();
    }
}
