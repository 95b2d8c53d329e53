package dev.hearth.engine;

import java.time.Duration;
import java.util.List;

/**
 * How a run ended.
 *
 * @param workflow   the workflow's name (or file name)
 * @param conclusion success only when no job failed and the run was not cancelled
 * @param duration   wall time of the whole run
 * @param jobs       every job's result, in the order they finished (skipped jobs included)
 */
public record RunResult(String workflow, Conclusion conclusion, Duration duration, List<JobResult> jobs) {
    public RunResult {
        jobs = List.copyOf(jobs);
    }

    public boolean succeeded() {
        return conclusion == Conclusion.SUCCESS;
    }
}
