package dev.hearth.workflow.model;

import java.util.Map;

/**
 * The background-step controls ({@code wait}, {@code wait-all}, {@code cancel}, {@code parallel}):
 * GitHub gives them no {@code if}, {@code env} or {@code timeout-minutes} of their own, so these
 * answer the same for all of them.
 */
public sealed interface BackgroundControl extends Step permits ControlStep, ParallelStep {
    @Override
    default String condition() {
        return "success()";
    }

    @Override
    default Map<String, String> env() {
        return Map.of();
    }

    @Override
    default Object timeoutMinutes() {
        return null;
    }
}
