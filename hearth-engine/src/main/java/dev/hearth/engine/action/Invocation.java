package dev.hearth.engine.action;

import dev.hearth.engine.StepKey;
import dev.hearth.engine.context.Scope;

import java.util.Map;

/**
 * One action step being run, with what every kind of action needs.
 *
 * @param call       the call
 * @param ref        its {@code uses:} taken apart
 * @param scope      the contexts its expressions see, {@code env} with the step's own
 * @param ownEnv     the step's own {@code env:}, evaluated
 * @param envContext the env context of the step, its own {@code env:} included
 * @param minutes    its {@code timeout-minutes}, 0 for none
 * @param deadline   the deadline of a step around it, or null
 * @param log        its log
 */
record Invocation(ActionCall call, UsesRef ref, Scope scope, Map<String, String> ownEnv, Map<String, String> envContext, double minutes,
                  StepDeadline deadline, StepLog log) {

    StepKey key() {
        return call.key();
    }

    String uses() {
        return call.step().uses();
    }

    /** The deadline its nested steps inherit: its own timeout, or the one around it. */
    StepDeadline innerDeadline(java.time.Instant started) {
        if (minutes <= 0) {
            return deadline;
        }
        StepDeadline own = new StepDeadline(started.plusMillis((long) (minutes * 60_000)),
                "The action '" + key().name() + "' has timed out after " + Minutes.format(minutes) + " minutes.");
        return StepDeadline.earlier(own, deadline);
    }
}
