package dev.hearth.engine.context;

import dev.hearth.expressions.BuiltinFunction;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.MapEvaluationContext;
import dev.hearth.expressions.ParseOptions;
import dev.hearth.expressions.Template;
import dev.hearth.expressions.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The named values (contexts) an expression sees at one point of a run, with the status functions and
 * {@code hashFiles} wired to the job's state. Immutable: {@link #with} makes a new scope.
 */
public final class Scope {
    private final Map<String, Value> named;
    private final Predicate<BuiltinFunction> status;
    private final Function<List<String>, String> hashFiles;

    private Scope(Map<String, Value> named, Predicate<BuiltinFunction> status, Function<List<String>, String> hashFiles) {
        this.named = named;
        this.status = status;
        this.hashFiles = hashFiles;
    }

    public static Scope empty() {
        return new Scope(Map.of(), f -> f == BuiltinFunction.ALWAYS || f == BuiltinFunction.SUCCESS, p -> "");
    }

    /** A scope with one context added or replaced (Java data is converted). */
    public Scope with(String name, Object value) {
        Map<String, Value> m = new LinkedHashMap<>(named);
        m.put(name, Values.of(value));
        return new Scope(m, status, hashFiles);
    }

    public Scope withStatus(Predicate<BuiltinFunction> newStatus) {
        return new Scope(named, newStatus, hashFiles);
    }

    public Scope withHashFiles(Function<List<String>, String> newHashFiles) {
        return new Scope(named, status, newHashFiles);
    }

    private MapEvaluationContext context() {
        return MapEvaluationContext.of(named).withStatus(status).withHashFiles(hashFiles);
    }

    /**
     * Evaluates a condition (an {@code if:} as the model keeps it, status function included).
     *
     * @throws EvaluationException when it does not parse or evaluate
     */
    public boolean condition(String source) {
        return Expression.isTruthy(evaluate(source));
    }

    /** Evaluates an expression source (no {@code ${{ }}}). */
    public Value evaluate(String source) {
        try {
            return parsed(source).evaluate(context());
        } catch (ExpressionException e) {
            throw new EvaluationException("The expression '" + source + "' failed: " + e.getMessage(), e);
        }
    }

    /** A run evaluates the same few sources (conditions, templates) for step after step: parse each once. */
    private static final int PARSED_LIMIT = 4096;
    private static final Map<String, Expression> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Expression parsed(String source) {
        Expression e = PARSED.get(source);
        if (e == null) {
            e = Expression.parse(source, ParseOptions.permissive());
            if (PARSED.size() < PARSED_LIMIT) {
                PARSED.put(source, e);
            }
        }
        return e;
    }

    /** A string with {@code ${{ }}} parts evaluated into text; null stays null. */
    public String text(String raw) {
        if (raw == null || !raw.contains("${{")) {
            return raw;
        }
        return Expression.toDisplayString(value(raw));
    }

    /**
     * A value with {@code ${{ }}} parts evaluated: a string that is exactly one expression gives that
     * expression's value (an object from {@code fromJSON}, a number), anything else a string.
     */
    public Value value(String raw) {
        if (raw == null) {
            return Value.NULL;
        }
        if (!raw.contains("${{")) {
            return Value.of(raw);
        }
        Template t;
        try {
            t = Template.parse(raw);
        } catch (ExpressionException | IllegalArgumentException e) {
            throw new EvaluationException("The template '" + raw + "' is not valid: " + e.getMessage(), e);
        }
        if (t.segments().size() == 1 && t.segments().getFirst() instanceof Template.ExpressionSegment e) {
            return evaluate(e.source());
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (Template.Segment s : t.segments()) {
            switch (s) {
                case Template.Literal l -> out.append(l.text());
                case Template.ExpressionSegment e -> out.append(Expression.toDisplayString(evaluate(e.source())));
            }
        }
        return Value.of(out.toString());
    }

    /** Every value of a map evaluated as text, order kept. */
    public Map<String, String> texts(Map<String, String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(k, text(v)));
        return out;
    }

    /** An expression that could not be evaluated; the message is for people. */
    public static final class EvaluationException extends RuntimeException {
        public EvaluationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
