package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.job.JobRunner;
import dev.hearth.engine.job.RunContext;

import java.util.Map;

/**
 * One workflow being run: the run's own, or one that a job of it calls.
 *
 * @param context      what its jobs share
 * @param jobs         runs its jobs' steps
 * @param secrets      its {@code secrets} context, for the calls it makes
 * @param prefix       what goes before its jobs' ids and names
 * @param cancellation cancels its jobs: the run's, or the calling leg's
 * @param depth        1 for the run's workflow, 2 for a workflow it calls…
 * @param heldGroups   concurrency groups (lower case) held by the workflows and jobs that called this one,
 *                     with the name of who holds each
 */
record WorkflowFrame(RunContext context, JobRunner jobs, Map<String, String> secrets, MatrixLegs.Prefix prefix,
                     Cancellation cancellation, int depth, Map<String, String> heldGroups) {
}
