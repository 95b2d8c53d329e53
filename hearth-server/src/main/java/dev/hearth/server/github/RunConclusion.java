package dev.hearth.server.github;

import java.util.Locale;

/**
 * How a workflow run ended, as reported: the engine's conclusions plus the server's own
 * {@code TIMED_OUT} and {@code ERROR} (Hearth could not run it: a sandbox failed, the process died).
 */
public enum RunConclusion {
    SUCCESS, FAILURE, CANCELLED, SKIPPED, TIMED_OUT, ERROR;

    /** The lower-case word, as GitHub writes conclusions. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The commit-status state that tells the truth about this conclusion. */
    public StatusState statusState() {
        return switch (this) {
            case SUCCESS, SKIPPED -> StatusState.SUCCESS;
            case FAILURE, TIMED_OUT -> StatusState.FAILURE;
            case CANCELLED, ERROR -> StatusState.ERROR;
        };
    }

    /** The check-run conclusion; GitHub has no "error", so an error is a failure whose summary says why. */
    public String checkConclusion() {
        return this == ERROR ? "failure" : word();
    }
}
