package dev.hearth.expressions;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashSet;

/** Test helper: evaluates an expression with named values given as a JSON object. */
final class Eval {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Eval() {
    }

    static Value eval(String expression) {
        return eval(expression, "{}");
    }

    static Value eval(String expression, String contextsJson) {
        ObjectValue named = (ObjectValue) json(contextsJson);
        return Expression.parse(expression, ParseOptions.namedValues(new HashSet<>(named.keys())))
                .evaluate(MapEvaluationContext.of(named));
    }

    static Value json(String json) {
        try {
            return Value.fromJson(JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The value as compact JSON, for readable assertions. */
    static String show(Value v) {
        return v.toJson().toString();
    }
}
