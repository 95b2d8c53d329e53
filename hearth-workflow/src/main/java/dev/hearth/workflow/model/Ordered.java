package dev.hearth.workflow.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Immutable copies of maps that keep the file's key order (Map.copyOf does not). */
final class Ordered {
    private Ordered() {
    }

    static <V> Map<String, V> copy(Map<String, V> m) {
        return m == null || m.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }
}
