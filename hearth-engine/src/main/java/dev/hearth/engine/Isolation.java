package dev.hearth.engine;

/** What gets its own sandbox. */
public enum Isolation {
    /** One sandbox per workflow; its jobs run one after another in {@code needs} order. */
    WORKFLOW,
    /** One sandbox per job (matrix legs are jobs); independent jobs run in parallel. */
    JOB
}
