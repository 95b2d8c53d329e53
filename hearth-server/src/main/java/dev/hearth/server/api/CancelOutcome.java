package dev.hearth.server.api;

/** How a cancel request ended. */
public sealed interface CancelOutcome {

    /** No run has this id. */
    record NotFound() implements CancelOutcome {}

    /** It was still queued and is now concluded cancelled. */
    record Cancelled() implements CancelOutcome {}

    /** It is running; the request is recorded for the node running it (asking twice is the same). */
    record Requested() implements CancelOutcome {}

    /** It had already completed; nothing to cancel. */
    record AlreadyCompleted() implements CancelOutcome {}
}
