package dev.hearth.workflow.plan;

import dev.hearth.workflow.model.Position;
import java.util.List;

/**
 * One job as it would run.
 *
 * @param id        the job id as written
 * @param name      {@code name:} as written, or null
 * @param level     its level in the job graph (0: needs nothing)
 * @param needs     the jobs it needs, as written in their keys
 * @param condition the condition GitHub evaluates, e.g. {@code success()}
 * @param kind      {@code runner} (runs steps) or {@code reusable} (calls a workflow)
 * @param runsOn    the runner a runner job asks for, readable ({@code ubuntu-latest},
 *                  {@code [self-hosted, linux]}, {@code group: x}, an expression), or null
 * @param matrix    its matrix
 * @param steps     every step of a runner job, in order; empty for a reusable job
 * @param uses      the called workflow of a reusable job, parsed, or null
 * @param called    the called workflow's jobs, level by level, when it could be read; else null
 * @param note      something the reader should know (a called workflow that could not be read), or null
 * @param position  where the job was written
 */
public record PlannedJob(String id, String name, int level, List<String> needs, String condition, String kind,
                         String runsOn, MatrixPlan matrix, List<PlannedStep> steps, UsesRef uses,
                         List<PlanLevel> called, String note, Position position) {
    public PlannedJob {
        needs = List.copyOf(needs);
        steps = List.copyOf(steps);
        called = called == null ? null : List.copyOf(called);
    }
}
