package dev.hearth.actions.builtin;

import java.util.Map;

/**
 * How a built-in action's part ended.
 *
 * @param failed  whether the step fails
 * @param message the error to show when it failed, else null
 * @param outputs step outputs ({@code steps.<id>.outputs.*})
 * @param state   state handed to {@code post}
 */
public record BuiltinResult(boolean failed, String message, Map<String, String> outputs, Map<String, String> state) {

    public BuiltinResult {
        outputs = Map.copyOf(outputs);
        state = Map.copyOf(state);
    }

    public static BuiltinResult success(Map<String, String> outputs) {
        return new BuiltinResult(false, null, outputs, Map.of());
    }

    public static BuiltinResult success(Map<String, String> outputs, Map<String, String> state) {
        return new BuiltinResult(false, null, outputs, state);
    }

    public static BuiltinResult failure(String message) {
        return new BuiltinResult(true, message, Map.of(), Map.of());
    }
}
