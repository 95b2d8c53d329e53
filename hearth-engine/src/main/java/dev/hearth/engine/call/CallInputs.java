package dev.hearth.engine.call;

import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.Values;
import dev.hearth.expressions.Expression;
import dev.hearth.expressions.Value;
import dev.hearth.workflow.model.WorkflowCall;
import dev.hearth.workflow.model.WorkflowInput;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code inputs} context of a called workflow: every input it declares, from the caller's
 * {@code with:} or the input's default, typed as declared. GitHub keeps the types (a boolean input is a
 * boolean, not the string {@code 'true'}) and refuses a value of another type with "Unexpected type of
 * value"; a string input takes the text of a number or boolean.
 */
public final class CallInputs {

    private CallInputs() {
    }

    /**
     * @param with  the caller's {@code with:} as written (String, Double or Boolean; names compared
     *              ignoring case, as GitHub does)
     * @param scope the calling job's scope: {@code with:} values and defaults are evaluated there
     * @param where the caller, {@code jobs.<id>}, for messages
     */
    public static Map<String, Object> evaluate(WorkflowCall call, Map<String, Object> with, Scope scope, String where)
            throws CallException {
        Map<String, Object> given = new HashMap<>();
        with.forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, Object> out = new LinkedHashMap<>();
        for (WorkflowInput input : call.inputs().values()) {
            String lower = input.name().toLowerCase(Locale.ROOT);
            String at = where + ".with." + input.name();
            Value value;
            if (given.containsKey(lower)) {
                value = evaluate(given.get(lower), scope, at);
            } else if (input.defaultValue() != null) {
                value = evaluate(input.defaultValue(), scope, "on.workflow_call.inputs." + input.name() + ".default");
            } else if (input.required()) {
                throw new CallException(where + ": Input " + input.name()
                        + " is required, but not provided while calling.");
            } else {
                out.put(input.name(), zero(input.type()));
                continue;
            }
            out.put(input.name(), typed(value, input.type(), at));
        }
        return out;
    }

    private static Value evaluate(Object raw, Scope scope, String at) throws CallException {
        if (raw instanceof String s) {
            try {
                return scope.value(s);
            } catch (Scope.EvaluationException e) {
                throw new CallException(at + ": " + e.getMessage());
            }
        }
        return Values.of(raw);
    }

    /** GitHub's value for an input that is neither given nor defaulted. */
    private static Object zero(String type) {
        return switch (type) {
            case "boolean" -> Boolean.FALSE;
            case "number" -> 0.0;
            default -> "";
        };
    }

    private static Object typed(Value value, String type, String at) throws CallException {
        return switch (type) {
            case "boolean" -> {
                if (value instanceof Value.Bool b) {
                    yield b.value();
                }
                throw unexpected(value, "Boolean", at);
            }
            case "number" -> {
                if (value instanceof Value.Num n) {
                    yield n.value();
                }
                throw unexpected(value, "Number", at);
            }
            default -> switch (value) {
                case Value.Null ignored -> "";
                case Value.Str s -> s.value();
                case Value.Bool ignored -> Expression.toDisplayString(value);
                case Value.Num ignored -> Expression.toDisplayString(value);
                default -> throw unexpected(value, "String", at);
            };
        };
    }

    private static CallException unexpected(Value value, String type, String at) {
        String shown = value.isPrimitive() ? Expression.toDisplayString(value) : value.kind().title();
        return new CallException(at + ": Unexpected type of value '" + shown + "', expected type: " + type + ".");
    }
}
