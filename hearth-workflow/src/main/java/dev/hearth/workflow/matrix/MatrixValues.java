package dev.hearth.workflow.matrix;

import java.util.List;
import java.util.Map;

/** Equality and display of matrix values, which are plain YAML data. */
public final class MatrixValues {
    private MatrixValues() {
    }

    /**
     * Deep equality as GitHub compares matrix values: numbers by value whatever their Java type,
     * mappings regardless of key order, lists in order.
     */
    public static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !same(e.getValue(), y.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * A value as GitHub shows it in a leg's name: numbers without a needless {@code .0}, the leaves
     * of mappings and lists joined by {@code ", "}, null as the empty string.
     */
    public static void display(Object value, StringBuilder out) {
        switch (value) {
            case null -> { }
            case Double d when d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15 ->
                    out.append(d.longValue());
            case Float f when f == Math.rint(f) && !Float.isInfinite(f) && Math.abs(f) < 1e7 ->
                    out.append(f.longValue());
            case Map<?, ?> m -> {
                boolean first = true;
                for (Object v : m.values()) {
                    if (!first) {
                        out.append(", ");
                    }
                    display(v, out);
                    first = false;
                }
            }
            case List<?> l -> {
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        out.append(", ");
                    }
                    display(l.get(i), out);
                }
            }
            default -> out.append(value);
        }
    }

    /** A job's name with a leg's values, like GitHub's {@code build (ubuntu-latest, 18)}. */
    public static String legName(String jobName, Map<String, Object> combination) {
        if (combination.isEmpty()) {
            return jobName;
        }
        StringBuilder out = new StringBuilder(jobName.length() + 24).append(jobName).append(" (");
        boolean first = true;
        for (Object v : combination.values()) {
            if (!first) {
                out.append(", ");
            }
            display(v, out);
            first = false;
        }
        return out.append(')').toString();
    }
}
