package dev.hearth.engine.action;

import dev.hearth.engine.StepKey;
import dev.hearth.engine.context.Scope;
import dev.hearth.workflow.model.UsesStep;

import java.util.Map;

/**
 * One {@code uses:} step to run, in the job or inside a composite action.
 *
 * @param key      the step's key (inside a composite: the caller's number, a prefixed name)
 * @param step     the step
 * @param scope    the contexts its expressions see, {@code env} without the step's own {@code env:}
 * @param baseEnv  the env context before the step's own {@code env:}
 * @param depth    0 for a step of the job, 1 for a step of a composite action the job calls, …
 * @param deadline when a step around it times out, or null
 */
public record ActionCall(StepKey key, UsesStep step, Scope scope, Map<String, String> baseEnv, int depth,
                         StepDeadline deadline) {
    public ActionCall {
        baseEnv = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(baseEnv));
    }
}
