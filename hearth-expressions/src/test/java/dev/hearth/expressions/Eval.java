package dev.hearth.expressions;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Test helper: evaluates an expression with named values given as a JSON object. */
final class Eval {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Eval() {
    }

    static Value eval(String expression) {
        return eval(expression, "{}");
    }

    static Value eval(String expression, String contextsJson) {
        return Expression.evaluate(expression, (ObjectValue) json(contextsJson));
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
