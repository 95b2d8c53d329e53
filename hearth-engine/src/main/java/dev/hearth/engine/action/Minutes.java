package dev.hearth.engine.action;

import dev.hearth.engine.context.Scope;
import dev.hearth.expressions.Expression;

/** A step's {@code timeout-minutes} and {@code continue-on-error}, which may be expressions. */
public final class Minutes {
    private Minutes() {
    }

    /** A number, an expression string, or null (0: no limit of its own). */
    static double of(Scope scope, Object value) {
        return of(scope, value, 0);
    }

    /** A number, an expression string, or null ({@code dflt}). */
    public static double of(Scope scope, Object value, double dflt) {
        if (value == null) {
            return dflt;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = scope.text(value.toString());
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeout-minutes must be a number, got '" + text + "'");
        }
    }

    /** A Boolean, an expression string, or null (false). */
    public static boolean truthy(Scope scope, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return Expression.isTruthy(scope.value(value.toString()));
    }

    public static String format(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
    }
}
