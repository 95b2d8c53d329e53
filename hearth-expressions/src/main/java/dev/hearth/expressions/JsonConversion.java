package dev.hearth.expressions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.Map;

/** Converts between {@link Value} and Jackson's {@link JsonNode}. */
final class JsonConversion {
    private JsonConversion() {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    static Value fromJson(JsonNode node) {
        if (node == null) return Value.NULL;
        return switch (node.getNodeType()) {
            case NULL, MISSING -> Value.NULL;
            case BOOLEAN -> Value.of(node.booleanValue());
            case NUMBER -> Value.of(node.doubleValue());
            case STRING -> Value.of(node.textValue());
            case ARRAY -> {
                ArrayList<Value> items = new ArrayList<>(node.size());
                for (JsonNode item : node) items.add(fromJson(item));
                yield ArrayValue.adopt(items);
            }
            case OBJECT -> {
                ObjectValue.Builder b = ObjectValue.builder();
                Iterator<Map.Entry<String, JsonNode>> it = node.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    b.put(e.getKey(), fromJson(e.getValue()));
                }
                yield b.build();
            }
            default -> Value.of(node.asText());
        };
    }

    static JsonNode toJson(Value value) {
        return switch (value) {
            case Value.Null n -> NODES.nullNode();
            case Value.Bool b -> NODES.booleanNode(b.value());
            case Value.Num n -> number(n.value());
            case Value.Str s -> NODES.textNode(s.value());
            case ArrayValue a -> {
                ArrayNode out = NODES.arrayNode(a.size());
                for (Value item : a.items()) out.add(toJson(item));
                yield out;
            }
            case ObjectValue o -> {
                ObjectNode out = NODES.objectNode();
                for (int i = 0; i < o.size(); i++) out.set(o.keys().get(i), toJson(o.values().get(i)));
                yield out;
            }
        };
    }

    private static JsonNode number(double d) {
        if (Double.isNaN(d)) return NODES.textNode("NaN");
        if (Double.isInfinite(d)) return NODES.textNode(d > 0 ? "Infinity" : "-Infinity");
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15 && !(d == 0 && 1 / d < 0)) {
            return NODES.numberNode((long) d);
        }
        return NODES.numberNode(d);
    }
}
