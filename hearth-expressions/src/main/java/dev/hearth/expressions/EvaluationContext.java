package dev.hearth.expressions;

import java.util.List;

/**
 * What an evaluation reads from its caller: named values (contexts such as {@code github}),
 * looked up ignoring case, and the hooks behind the contextual functions. Implementations that
 * do not support a hook keep the default, which fails the evaluation with a clear message.
 */
public interface EvaluationContext {

    /** The named value, looked up ignoring case; Java null when there is none. */
    Value namedValue(String name);

    /** The outcome of success(), always(), failure() or cancelled() for the current step/job. */
    default boolean status(BuiltinFunction statusFunction) {
        throw ExpressionException.evaluation(
                "The function '" + statusFunction.displayName() + "' is not available in this context");
    }

    /** The result of hashFiles(patterns...): a hex SHA-256 over the matching files, or empty. */
    default String hashFiles(List<String> patterns) {
        throw ExpressionException.evaluation("The function 'hashFiles' is not available in this context");
    }
}
