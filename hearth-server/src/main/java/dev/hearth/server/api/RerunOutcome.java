package dev.hearth.server.api;

/** How a re-run request ended. */
public sealed interface RerunOutcome {

    /** No run has this id. */
    record NotFound() implements RerunOutcome {}

    /** It has not completed yet; GitHub too re-runs only completed runs. */
    record NotCompleted() implements RerunOutcome {}

    /** The new run, queued. */
    record Queued(long runId) implements RerunOutcome {}
}
