package dev.hearth.engine;

/**
 * Hears a run as it happens. Calls for one job come from one thread in order; jobs running in
 * parallel call from different threads, so implementations must be thread-safe. Every text is masked.
 */
public interface RunListener {
    default void runStarted(String workflow) {
    }

    default void jobStarted(JobKey job) {
    }

    /** A step is about to run (not called for steps whose condition skips them). */
    default void stepStarted(JobKey job, StepKey step) {
    }

    /** A line of the job's log; {@code step} is null for lines outside any step (set-up, clean-up). */
    default void log(JobKey job, StepKey step, LogLine line) {
    }

    default void stepFinished(JobKey job, StepResult result) {
    }

    default void jobFinished(JobResult result) {
    }

    default void runFinished(RunResult result) {
    }

    RunListener NONE = new RunListener() {
    };
}
