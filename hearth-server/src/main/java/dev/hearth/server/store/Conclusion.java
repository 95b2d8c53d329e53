package dev.hearth.server.store;

/**
 * How a completed run, job or step ended. {@link #ERROR} is Hearth's own: the run could not be
 * carried out (the process died too often, the sandbox could not start), as opposed to a failure of
 * the workflow itself.
 */
public enum Conclusion {
    SUCCESS,
    FAILURE,
    CANCELLED,
    SKIPPED,
    ERROR
}
