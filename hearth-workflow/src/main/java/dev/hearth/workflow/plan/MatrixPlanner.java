package dev.hearth.workflow.plan;

import dev.hearth.workflow.matrix.MatrixException;
import dev.hearth.workflow.matrix.MatrixExpander;
import dev.hearth.workflow.matrix.MatrixValues;
import dev.hearth.workflow.model.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands a job's matrix for a plan. An expression cannot be known before the run unless it uses no
 * context (typically {@code fromJSON} of a string literal), which is evaluated here; any other
 * expression, as the whole matrix or as one vector, leaves the matrix for run time.
 */
final class MatrixPlanner {

    private MatrixPlanner() {
    }

    /**
     * Plans a job's matrix.
     *
     * @param id   the job id
     * @param name the job's {@code name:} as written, or null
     */
    static MatrixPlan plan(Strategy strategy, String id, String name) {
        if (strategy == null || strategy.matrix() == null) {
            return MatrixPlan.NONE;
        }
        Map<String, Object> data;
        try {
            if (strategy.matrixExpression() != null) {
                Object literal = PlanTimeExpressions.constant(strategy.matrixExpression());
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
                    Object literal = PlanTimeExpressions.constant(s);
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
                legs.add(new MatrixPlan.Leg(legName(id, name, combination), combination));
            }
            return new MatrixPlan(MatrixPlan.Status.EXPANDED, legs, null, null);
        } catch (MatrixException e) {
            return new MatrixPlan(MatrixPlan.Status.ERROR, List.of(), null, e.getMessage());
        }
    }

    /**
     * GitHub's name for a leg: the job's name (or id) followed by the leg's values; a name with an
     * expression is evaluated with the leg's values instead, and gets no suffix.
     */
    static String legName(String id, String name, Map<String, Object> combination) {
        if (name == null) {
            return MatrixValues.legName(id, combination);
        }
        if (!name.contains("${{")) {
            return MatrixValues.legName(name, combination);
        }
        String evaluated = PlanTimeExpressions.withMatrix(name, combination);
        return evaluated != null ? evaluated : MatrixValues.legName(id, combination);
    }

    /** include/exclude items that are expressions: those using no context are read, else null. */
    private static List<Object> resolveEntries(List<?> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof String s && s.contains("${{")) {
                Object literal = PlanTimeExpressions.constant(s);
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
}
