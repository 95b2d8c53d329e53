package dev.hearth.server.store;

/** The life of a run, job or step, named as GitHub names a check run's status. */
public enum RunState {
    QUEUED,
    RUNNING,
    COMPLETED
}
