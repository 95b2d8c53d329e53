package dev.hearth.engine.action;

/**
 * This machine cannot run an action as it is (no {@code node}, no docker engine in the sandbox); like
 * an {@link dev.hearth.actions.ActionException.Kind#CANNOT_RUN}, it lets the LLM translate the step.
 */
final class CannotRun extends Exception {
    CannotRun(String message) {
        super(message);
    }
}
