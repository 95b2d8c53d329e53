package dev.hearth.workflow.validate;

import dev.hearth.expressions.Expression;
import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.ParseOptions;
import dev.hearth.workflow.schema.Context;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bridge to the expression engine: checks one expression's syntax and the named values and
 * functions it uses against a key's {@link Context}.
 */
public final class ExpressionCheck {
    private static final ConcurrentHashMap<String, ParseOptions> OPTIONS = new ConcurrentHashMap<>();

    private ExpressionCheck() {
    }

    /** GitHub's message for what is wrong with {@code expression} at a key with this context, or null. */
    public static String check(String expression, Context context) {
        try {
            Expression.parse(expression, options(context));
            return null;
        } catch (ExpressionException e) {
            return e.getMessage();
        }
    }

    /**
     * Whether the expression calls success(), failure(), cancelled() or always() anywhere. An expression
     * that does not parse counts as calling one, so it is left unwrapped, as GitHub does.
     */
    public static boolean callsStatusFunction(String expression) {
        try {
            return Expression.parse(expression, ParseOptions.permissive()).callsStatusFunction();
        } catch (ExpressionException e) {
            return true;
        }
    }

    private static ParseOptions options(Context context) {
        // Keyed by name: contexts come from the one schema, and hashing a name is cheaper than two sets.
        ParseOptions o = OPTIONS.get(context.name());
        if (o == null) {
            o = ParseOptions.of(context.namedValues(), context.functions());
            OPTIONS.putIfAbsent(context.name(), o);
        }
        return o;
    }
}
