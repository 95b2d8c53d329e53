package dev.hearth.engine.job;

import dev.hearth.engine.JobKey;
import dev.hearth.workflow.model.RunnerJob;

import java.util.Map;

/**
 * One job as it runs: a job of the workflow, or one leg of its matrix.
 *
 * @param job      the job
 * @param key      its key and display name
 * @param matrix   the leg's matrix values (empty without a matrix)
 * @param strategy the {@code strategy} context (fail-fast, job-index, job-total, max-parallel)
 * @param needs    the {@code needs} context: for each needed job its result and outputs
 * @param index    a number unique in the run, for folder names
 */
public record Leg(RunnerJob job, JobKey key, Map<String, Object> matrix, Map<String, Object> strategy,
                  Map<String, Object> needs, int index) {
}
