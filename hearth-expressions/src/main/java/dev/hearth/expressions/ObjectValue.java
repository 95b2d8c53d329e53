package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An object: keys keep their insertion order and spelling, lookup ignores case. Like GitHub,
 * a key that differs from an earlier one only by case is dropped (the first one wins).
 */
public final class ObjectValue implements Value {

    private final List<String> keys;
    private final List<Value> values;
    private final Map<String, Integer> index;

    private ObjectValue(List<String> keys, List<Value> values, Map<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.index = index;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ObjectValue of(Map<String, ? extends Value> entries) {
        Builder b = new Builder();
        entries.forEach(b::put);
        return b.build();
    }

    /** The value for the key, ignoring case, or Java null when absent. */
    public Value get(String key) {
        Integer i = index.get(Keys.fold(key));
        return i == null ? null : values.get(i);
    }

    /** Lookup with a key already folded by {@link Keys#fold}. */
    Value getFolded(String foldedKey) {
        Integer i = index.get(foldedKey);
        return i == null ? null : values.get(i);
    }

    public boolean containsKey(String key) {
        return index.containsKey(Keys.fold(key));
    }

    /** Keys in insertion order, as first spelled. */
    public List<String> keys() {
        return Collections.unmodifiableList(keys);
    }

    public List<Value> values() {
        return Collections.unmodifiableList(values);
    }

    public int size() {
        return keys.size();
    }

    @Override
    public Kind kind() {
        return Kind.OBJECT;
    }

    @Override
    public boolean isPrimitive() {
        return false;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Object{");
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(keys.get(i)).append('=').append(values.get(i));
        }
        return sb.append('}').toString();
    }

    /** Collects entries; {@link #put} of an existing key (ignoring case) replaces only when spelled the same. */
    public static final class Builder {
        private List<String> keys = new ArrayList<>();
        private List<Value> values = new ArrayList<>();
        private Map<String, Integer> index = new HashMap<>();

        /**
         * Adds an entry. An exact duplicate key replaces the value (JSON's last-wins); a key
         * differing only by case is ignored, as GitHub's dictionaries do.
         */
        public Builder put(String key, Value value) {
            if (keys == null) throw new IllegalStateException("build() was already called");
            String folded = Keys.fold(key);
            Integer i = index.get(folded);
            if (i == null) {
                index.put(folded, keys.size());
                keys.add(key);
                values.add(value);
            } else if (keys.get(i).equals(key)) {
                values.set(i, value);
            }
            return this;
        }

        /** The object; the builder hands its storage over and cannot be used again. */
        public ObjectValue build() {
            if (keys == null) throw new IllegalStateException("build() was already called");
            ObjectValue o = new ObjectValue(keys, values, index);
            keys = null;
            values = null;
            index = null;
            return o;
        }
    }
}
