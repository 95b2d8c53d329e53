package dev.hearth.engine.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.expressions.ObjectValue;
import dev.hearth.expressions.Value;

import java.util.Map;

/** Conversions between plain Java data (maps, lists, strings, numbers, booleans) and expression values. */
public final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /** Java data as an expression value. */
    public static Value of(Object data) {
        if (data instanceof Value v) {
            return v;
        }
        return Value.fromJson(JSON.valueToTree(data));
    }

    /** A map of strings as an object value (keys compare case-insensitively, as in every context). */
    public static ObjectValue strings(Map<String, String> map) {
        ObjectValue.Builder b = ObjectValue.builder();
        map.forEach((k, v) -> b.put(k, Value.of(v == null ? "" : v)));
        return b.build();
    }

    /** An expression value as plain Java data. */
    public static Object toJava(Value value) {
        return JSON.convertValue(value.toJson(), Object.class);
    }
}
