package dev.hearth.server.api;

/**
 * What the API asks of whoever runs workflows. {@link StoreRunControl} does it through the database
 * alone; the scheduler implements it to also stop a run it holds at once.
 */
public interface RunControl {

    /** Cancels a queued run now, or asks the node running it to stop. */
    CancelOutcome cancel(long runId);

    /** Queues a new run of a completed run's workflow at the same commit. */
    RerunOutcome rerun(long runId);
}
