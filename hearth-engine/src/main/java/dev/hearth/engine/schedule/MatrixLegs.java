package dev.hearth.engine.schedule;

import dev.hearth.engine.JobKey;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.Values;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.Value;
import dev.hearth.workflow.matrix.MatrixExpander;
import dev.hearth.workflow.matrix.MatrixValues;
import dev.hearth.workflow.model.Job;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A job's {@code strategy} at run time: the matrix evaluated (whole or per vector, with the
 * {@code needs} outputs it may use), expanded into legs, narrowed by {@code --matrix} filters, each leg
 * with its display name and {@code strategy} context. A job that calls a reusable workflow has legs too:
 * a matrix of calls.
 */
final class MatrixLegs {

    private MatrixLegs() {
    }

    /**
     * @param failFast    cancel the other legs when one fails
     * @param maxParallel how many legs may run at once; 0 for no limit
     */
    record Strategy(boolean failFast, int maxParallel) {
    }

    /**
     * One leg of a job's matrix, before it runs.
     *
     * @param key      its key, display name and matrix values
     * @param matrix   the {@code matrix} context (empty without a matrix)
     * @param strategy the {@code strategy} context
     * @param index    a number unique in the run, for folder names
     */
    record Combination(JobKey key, Map<String, Object> matrix, Map<String, Object> strategy, int index) {
    }

    /**
     * Names of the jobs of one workflow of the run: the run's own jobs have none; a called workflow's
     * jobs are shown under their caller, {@code call / build}, as GitHub shows them.
     *
     * @param id   what goes before a job's id in its key ({@code call/})
     * @param name what goes before its display name ({@code call / })
     */
    record Prefix(String id, String name) {
        static final Prefix NONE = new Prefix("", "");

        /** The prefix of the jobs a leg of a calling job runs. */
        static Prefix under(JobKey caller) {
            return new Prefix(caller.id() + "/", caller.displayName() + " / ");
        }
    }

    static Strategy strategy(Job job, Scope scope) {
        if (job.strategy() == null) {
            return new Strategy(true, 0);
        }
        Object ff = job.strategy().failFast();
        boolean failFast = ff == null || (ff instanceof Boolean b ? b : Expression.isTruthy(scope.value(ff.toString())));
        Object mp = job.strategy().maxParallel();
        int maxParallel = 0;
        if (mp instanceof Number n) {
            maxParallel = n.intValue();
        } else if (mp != null) {
            String text = scope.text(mp.toString()).strip();
            try {
                maxParallel = (int) Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("max-parallel must be a number, got '" + text + "'");
            }
        }
        return new Strategy(failFast, Math.max(0, maxParallel));
    }

    static List<Combination> legs(Job job, Scope scope, Strategy strategy, Map<String, String> filter,
                                  AtomicInteger index, Prefix prefix) {
        List<LinkedHashMap<String, Object>> combinations = combinations(job, scope);
        List<LinkedHashMap<String, Object>> kept = new ArrayList<>();
        for (LinkedHashMap<String, Object> c : combinations) {
            if (matches(c, filter)) {
                kept.add(c);
            }
        }
        List<Combination> legs = new ArrayList<>(kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Map<String, Object> matrix = kept.get(i);
            Map<String, Object> strategyContext = new LinkedHashMap<>();
            strategyContext.put("fail-fast", strategy.failFast());
            strategyContext.put("job-index", i);
            strategyContext.put("job-total", kept.size());
            strategyContext.put("max-parallel", strategy.maxParallel() > 0 ? strategy.maxParallel() : kept.size());
            String display = displayName(job, scope.with("matrix", matrix).with("strategy", strategyContext), matrix);
            legs.add(new Combination(new JobKey(prefix.id() + job.id(), prefix.name() + display, matrix), matrix,
                    strategyContext, index.incrementAndGet()));
        }
        return legs;
    }

    private static List<LinkedHashMap<String, Object>> combinations(Job job, Scope scope) {
        if (job.strategy() == null || job.strategy().matrix() == null) {
            return List.of(new LinkedHashMap<>());
        }
        Map<String, Object> data;
        if (job.strategy().matrixExpression() != null) {
            Value v = scope.value(job.strategy().matrixExpression());
            if (!(Values.toJava(v) instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("the matrix expression must give an object, got " + v.kind());
            }
            data = cast(m);
        } else {
            data = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : job.strategy().matrixData().entrySet()) {
                data.put(e.getKey(), resolve(e.getValue(), scope));
            }
        }
        List<LinkedHashMap<String, Object>> out = MatrixExpander.expand(data);
        return out.isEmpty() ? List.of() : out;
    }

    /** Expressions inside matrix data ({@code os: ${{ fromJSON(needs.a.outputs.os) }}}) evaluated. */
    private static Object resolve(Object value, Scope scope) {
        if (value instanceof String s && s.contains("${{")) {
            return Values.toJava(scope.value(s));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                out.add(resolve(item, scope));
            }
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), resolve(v, scope)));
            return out;
        }
        return value;
    }

    private static boolean matches(Map<String, Object> combination, Map<String, String> filter) {
        for (Map.Entry<String, String> f : filter.entrySet()) {
            if (!combination.containsKey(f.getKey())) {
                continue; // like act: a filter narrows only the matrices that have its key
            }
            Object v = combination.get(f.getKey());
            StringBuilder shown = new StringBuilder();
            MatrixValues.display(v, shown);
            if (!shown.toString().equals(f.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String displayName(Job job, Scope scope, Map<String, Object> matrix) {
        String name = job.name();
        if (name != null && name.contains("${{")) {
            try {
                return scope.text(name);
            } catch (Scope.EvaluationException e) {
                return MatrixValues.legName(job.id(), matrix);
            }
        }
        return MatrixValues.legName(name != null ? name : job.id(), matrix);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
