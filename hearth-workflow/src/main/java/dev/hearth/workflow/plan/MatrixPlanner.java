package dev.hearth.workflow.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.workflow.matrix.MatrixException;
import dev.hearth.workflow.matrix.MatrixExpander;
import dev.hearth.workflow.matrix.MatrixValues;
import dev.hearth.workflow.model.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Expands a job's matrix for a plan. An expression cannot be known before the run, except
 * {@code fromJSON} of a string literal, which is read here; any other expression, as the whole matrix
 * or as one vector, leaves the matrix for run time.
 */
final class MatrixPlanner {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MatrixPlanner() {
    }

    static MatrixPlan plan(Strategy strategy, String jobName) {
        if (strategy == null || strategy.matrix() == null) {
            return MatrixPlan.NONE;
        }
        Map<String, Object> data;
        try {
            if (strategy.matrixExpression() != null) {
                Object literal = literalFromJson(strategy.matrixExpression());
                if (!(literal instanceof Map<?, ?>)) {
                    return runtime(strategy.matrixExpression());
                }
                data = asMap(literal);
            } else {
                data = strategy.matrixData();
            }
            if (data == null) {
                return MatrixPlan.NONE;
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : data.entrySet()) {
                Object value = e.getValue();
                if (value instanceof String s && s.contains("${{")) {
                    Object literal = literalFromJson(s);
                    if (literal == null) {
                        return runtime(e.getKey() + ": " + s);
                    }
                    value = literal;
                }
                if (value instanceof List<?> items && (e.getKey().equals("include") || e.getKey().equals("exclude"))) {
                    value = resolveEntries(items);
                    if (value == null) {
                        return runtime(e.getKey() + ": " + items);
                    }
                }
                resolved.put(e.getKey(), value);
            }
            List<MatrixPlan.Leg> legs = new ArrayList<>();
            for (LinkedHashMap<String, Object> combination : MatrixExpander.expand(resolved)) {
                legs.add(new MatrixPlan.Leg(MatrixValues.legName(jobName, combination), combination));
            }
            return new MatrixPlan(MatrixPlan.Status.EXPANDED, legs, null, null);
        } catch (MatrixException e) {
            return new MatrixPlan(MatrixPlan.Status.ERROR, List.of(), null, e.getMessage());
        }
    }

    /** include/exclude items that are expressions: literal fromJSON is read, anything else is null. */
    private static List<Object> resolveEntries(List<?> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String s && s.contains("${{")) {
                Object literal = literalFromJson(s);
                if (literal == null) {
                    return null;
                }
                out.add(literal);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    private static MatrixPlan runtime(String expression) {
        return new MatrixPlan(MatrixPlan.Status.RUNTIME, List.of(), expression, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    /**
     * The value of {@code ${{ fromJSON('...') }}} when the argument is a string literal, else null.
     * Expression string literals double a quote to escape it.
     */
    static Object literalFromJson(String expression) {
        String s = expression.strip();
        if (!s.startsWith("${{") || !s.endsWith("}}")) {
            return null;
        }
        String inner = s.substring(3, s.length() - 2).strip();
        if (!inner.toLowerCase(Locale.ROOT).startsWith("fromjson")) {
            return null;
        }
        int i = skipSpace(inner, "fromjson".length());
        if (i >= inner.length() || inner.charAt(i) != '(') {
            return null;
        }
        i = skipSpace(inner, i + 1);
        if (i >= inner.length() || inner.charAt(i) != '\'') {
            return null;
        }
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
            if (i >= inner.length()) {
                return null;
            }
            char c = inner.charAt(i);
            if (c == '\'') {
                if (i + 1 < inner.length() && inner.charAt(i + 1) == '\'') {
                    text.append('\'');
                    i += 2;
                    continue;
                }
                i++;
                break;
            }
            text.append(c);
            i++;
        }
        i = skipSpace(inner, i);
        if (i != inner.length() - 1 || inner.charAt(i) != ')') {
            return null;
        }
        try {
            return JSON.readValue(text.toString(), Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}
