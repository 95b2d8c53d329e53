package dev.hearth.actions;

/**
 * An action cannot be obtained or read. The message is for the user and names the {@code uses:} value;
 * {@link #kind()} tells the engine whether the LLM fallback may be tried.
 */
public final class ActionException extends Exception {

    /** Why an action cannot be used. */
    public enum Kind {
        /** The {@code uses:} value is malformed or forbidden (e.g. a short SHA). No fallback. */
        INVALID,
        /** Not found at its source, or unreachable (offline without a mirror). LLM fallback allowed. */
        UNAVAILABLE,
        /** Found, but its {@code action.yml} is missing or invalid. No fallback. */
        BAD_MANIFEST,
        /** Found and valid, but this machine cannot run it (a Docker action without Docker). LLM fallback allowed. */
        CANNOT_RUN
    }

    private final Kind kind;

    public ActionException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ActionException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
