package dev.hearth.engine.context;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.hearth.expressions.ArrayValue;
import dev.hearth.expressions.ObjectValue;
import dev.hearth.expressions.Value;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Conversions between plain Java data (maps, lists, strings, numbers, booleans) and expression values. */
public final class Values {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Values() {
    }

    /**
     * Java data as an expression value: strings, numbers, booleans, null, maps and lists directly (this
     * runs for every step), anything else — a Jackson tree, a record — through JSON.
     */
    public static Value of(Object data) {
        return switch (data) {
            case null -> Value.NULL;
            case Value v -> v;
            case String s -> Value.of(s);
            case Boolean b -> Value.of(b);
            case Number n -> Value.of(n.doubleValue());
            case Map<?, ?> map -> {
                ObjectValue.Builder b = ObjectValue.builder();
                map.forEach((k, v) -> b.put(String.valueOf(k), of(v)));
                yield b.build();
            }
            case List<?> list -> {
                List<Value> items = new ArrayList<>(list.size());
                for (Object item : list) {
                    items.add(of(item));
                }
                yield ArrayValue.of(items);
            }
            case JsonNode node -> Value.fromJson(node);
            default -> Value.fromJson(JSON.valueToTree(data));
        };
    }


    /** An expression value as plain Java data. */
    public static Object toJava(Value value) {
        return JSON.convertValue(value.toJson(), Object.class);
    }
}
