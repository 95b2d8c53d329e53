package dev.hearth.engine.action;

import dev.hearth.engine.Conclusion;

import java.util.Map;

/**
 * How a part of an action step ended, before {@code continue-on-error} is applied.
 *
 * @param outcome  success, failure or cancelled
 * @param exitCode the process's exit code, or null when none ran
 * @param message  why it failed, for people, or null
 * @param outputs  the outputs it set, unmasked (later expressions see real values)
 * @param state    what it saved for the action's later parts (GITHUB_STATE)
 */
public record ProcessOutcome(Conclusion outcome, Integer exitCode, String message, Map<String, String> outputs,
                             Map<String, String> state) {
    public ProcessOutcome {
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        state = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(state));
    }

    static ProcessOutcome failure(String message) {
        return new ProcessOutcome(Conclusion.FAILURE, null, message, Map.of(), Map.of());
    }

    static ProcessOutcome success(Map<String, String> outputs) {
        return new ProcessOutcome(Conclusion.SUCCESS, null, null, outputs, Map.of());
    }

    ProcessOutcome withMessage(String newMessage) {
        return new ProcessOutcome(outcome, exitCode, newMessage, outputs, state);
    }
}
