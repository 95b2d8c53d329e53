package dev.hearth.server.store;

/** Where a webhook delivery is on its way to runs. */
public enum DeliveryState {
    /** Stored and answered; no runs made from it yet. */
    RECEIVED,
    /** The scheduler is turning it into runs. */
    PROCESSING,
    /** Its runs (possibly none) are recorded. */
    DONE,
    /** An event Hearth does not act on; kept for the record and for deduplication. */
    IGNORED,
    /** Turning it into runs failed for good; {@code error} says why. */
    FAILED
}
