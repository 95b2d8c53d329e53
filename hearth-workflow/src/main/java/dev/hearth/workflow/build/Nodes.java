package dev.hearth.workflow.build;

import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;
import dev.hearth.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient reads of YAML nodes: wrong shapes give null or empty, never an exception. */
final class Nodes {
    private Nodes() {
    }

    static YamlMapping map(YamlNode n) {
        return n instanceof YamlMapping m ? m : null;
    }

    static YamlMapping map(YamlMapping parent, String key) {
        return parent == null ? null : map(parent.get(key));
    }

    static YamlNode get(YamlMapping parent, String key) {
        return parent == null ? null : parent.get(key);
    }

    /** The scalar's text as GitHub coerces it to a string, or null for a non-scalar or null scalar. */
    static String text(YamlNode n) {
        return n instanceof YamlScalar s && !s.isNull() ? s.text() : null;
    }

    static String text(YamlMapping parent, String key) {
        return text(get(parent, key));
    }

    /** One string or a list of strings. */
    static List<String> strings(YamlNode n) {
        List<String> out = new ArrayList<>();
        if (n instanceof YamlScalar s && !s.isNull()) {
            out.add(s.text());
        } else if (n instanceof YamlSequence seq) {
            for (YamlNode i : seq.items()) {
                String t = text(i);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** A mapping of scalars as strings, in file order. */
    static Map<String, String> stringMap(YamlNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                String v = e.value() instanceof YamlScalar s ? s.text() : null;
                if (v != null) {
                    out.put(e.key().text(), v);
                }
            }
        }
        return out;
    }

    /** A scalar as plain Java data: String, Double, Boolean or null. */
    static Object scalarValue(YamlScalar s) {
        return switch (s.type()) {
            case NULL -> null;
            case BOOL -> s.asBoolean();
            case INT, FLOAT -> s.asNumber();
            case STRING -> s.value();
        };
    }

    /** Any node as JSON-like Java data (LinkedHashMap, ArrayList, String, Double, Boolean, null). */
    static Object data(YamlNode n) {
        return switch (n) {
            case YamlScalar s -> scalarValue(s);
            case YamlSequence seq -> {
                List<Object> out = new ArrayList<>(seq.items().size());
                for (YamlNode i : seq.items()) {
                    out.add(data(i));
                }
                yield out;
            }
            case YamlMapping m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (YamlMapping.Entry e : m.entries()) {
                    out.put(e.key().text(), data(e.value()));
                }
                yield out;
            }
        };
    }

    /** Boolean, Double or String (an expression) for keys that take a literal or an expression. */
    static Object literalOrExpression(YamlNode n) {
        return n instanceof YamlScalar s ? scalarValue(s) : null;
    }
}
