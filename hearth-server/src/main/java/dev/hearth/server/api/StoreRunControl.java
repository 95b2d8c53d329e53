package dev.hearth.server.api;

import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.util.Optional;

/**
 * {@link RunControl} through the database only: a queued run is concluded cancelled at once, a
 * running one gets a cancel request its node sees ({@link RunStore#cancelRequested}), a completed
 * one is re-run by queueing a copy. The scheduler wraps it to also stop its own runs without waiting.
 */
public final class StoreRunControl implements RunControl {

    private final RunStore runs;

    public StoreRunControl(RunStore runs) {
        this.runs = runs;
    }

    @Override
    public CancelOutcome cancel(long runId) {
        // The state can move between reading and writing (a queued run claimed meanwhile): each write
        // is conditional on the state, so on a lost race read again and act on what it is now.
        for (int tries = 0; tries < 3; tries++) {
            Optional<Run> run = runs.find(runId);
            if (run.isEmpty()) {
                return new CancelOutcome.NotFound();
            }
            RunState state = run.get().state();
            if (state == RunState.COMPLETED) {
                return new CancelOutcome.AlreadyCompleted();
            }
            if (state == RunState.QUEUED && runs.concludeQueued(runId, Conclusion.CANCELLED)) {
                return new CancelOutcome.Cancelled();
            }
            if (state == RunState.RUNNING && (runs.requestCancel(runId) || runs.cancelRequested(runId).isPresent())) {
                return new CancelOutcome.Requested();
            }
        }
        throw new IllegalStateException("run " + runId + " kept changing state while being cancelled");
    }

    @Override
    public RerunOutcome rerun(long runId) {
        Optional<Long> queued = runs.rerun(runId);
        if (queued.isPresent()) {
            return new RerunOutcome.Queued(queued.get());
        }
        return runs.find(runId).isPresent() ? new RerunOutcome.NotCompleted() : new RerunOutcome.NotFound();
    }
}
