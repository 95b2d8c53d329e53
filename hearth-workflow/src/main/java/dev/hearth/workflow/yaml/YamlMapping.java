package dev.hearth.workflow.yaml;

import java.util.List;

/** A mapping in document order. Keys are scalars; duplicates were already reported and dropped. */
public record YamlMapping(List<Entry> entries, int line, int column, int weight) implements YamlNode {
    public YamlMapping {
        entries = List.copyOf(entries);
    }

    /** One key and its value. */
    public record Entry(YamlScalar key, YamlNode value) {
    }

    /** The value under {@code key} (exact, case-sensitive), or null. */
    public YamlNode get(String key) {
        Entry e = entry(key);
        return e == null ? null : e.value();
    }

    /** The entry under {@code key} (exact, case-sensitive), or null. */
    public Entry entry(String key) {
        for (Entry e : entries) {
            if (e.key().value().equals(key)) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String kindName() {
        return "a mapping";
    }
}
