package dev.hearth.workflow.model;

import java.util.Map;

/**
 * A {@code uses:} step: {@code owner/repo[/path]@ref}, {@code ./path} or {@code docker://image}.
 * {@code with} values are strings as GitHub coerces them.
 */
public record UsesStep(String id, String name, String condition, String uses, Map<String, String> with,
                       Map<String, String> env, Object continueOnError, Object timeoutMinutes,
                       Position position, boolean background) implements Step {
    public UsesStep {
        with = Ordered.copy(with);
        env = Ordered.copy(env);
    }
}
