package dev.hearth.engine;

/**
 * Runs workflows. One engine serves many runs; it keeps no state between them.
 */
public final class Engine {

    /**
     * Runs a workflow to its end. Never throws for what the workflow does; sandboxes are destroyed
     * before it returns, however the run ended.
     *
     * @param request      what to run and where
     * @param listener     hears the run as it happens
     * @param cancellation lets another thread cancel or kill the run
     */
    public RunResult run(RunRequest request, RunListener listener, Cancellation cancellation) {
        throw new UnsupportedOperationException("not yet");
    }
}
