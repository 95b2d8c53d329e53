package dev.hearth.workflow.build;

import dev.hearth.workflow.schema.Context;
import dev.hearth.workflow.validate.ExpressionCheck;
import dev.hearth.workflow.validate.ScalarTemplate;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;

/**
 * The condition GitHub evaluates for an {@code if}: {@code success()} when missing; the value with a
 * whole {@code ${{ }}} stripped (or turned into {@code format(...)} when embedded in text); wrapped as
 * {@code success() && (...)} when it calls no status function.
 */
public final class Conditions {
    public static final String DEFAULT = "success()";

    private Conditions() {
    }

    /** The expression source of an {@code if} value, before the status-function wrapping. */
    public static String source(YamlNode node) {
        if (!(node instanceof YamlScalar s) || s.isNull()) {
            return "";
        }
        if (s.isString() && ScalarTemplate.mayHaveExpressions(s.value())) {
            ScalarTemplate t = ScalarTemplate.parse(s.value());
            if (t.error() == null) {
                String literal = t.literalValue();
                return literal != null ? literal.trim() : t.toExpressionSource().trim();
            }
        }
        return s.text().trim();
    }

    /** The final condition for an expression source (see {@link #source}). */
    public static String finish(String source) {
        if (source == null || source.isEmpty()) {
            return DEFAULT;
        }
        return ExpressionCheck.callsStatusFunction(source) ? source : "success() && (" + source + ")";
    }

    /** GitHub's message when the condition does not parse at a key with this context, else null. */
    public static String check(String condition, Context context) {
        return ExpressionCheck.check(condition, context);
    }
}
