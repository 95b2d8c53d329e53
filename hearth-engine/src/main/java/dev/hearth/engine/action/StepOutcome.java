package dev.hearth.engine.action;

import dev.hearth.engine.StepResult;

import java.util.Map;

/**
 * An action step's result, and its outputs unmasked for the {@code steps} context.
 */
public record StepOutcome(StepResult result, Map<String, String> rawOutputs) {
    public StepOutcome {
        rawOutputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rawOutputs));
    }
}
