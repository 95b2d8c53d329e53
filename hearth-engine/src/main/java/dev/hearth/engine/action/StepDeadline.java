package dev.hearth.engine.action;

import java.time.Instant;

/**
 * When a step must end because a step around it has a {@code timeout-minutes} (a composite action's
 * steps inherit the caller's), and what to say when it does.
 */
public record StepDeadline(Instant at, String message) {

    /** The earlier of two deadlines; either may be null. */
    static StepDeadline earlier(StepDeadline a, StepDeadline b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.at().isBefore(b.at()) ? a : b;
    }
}
