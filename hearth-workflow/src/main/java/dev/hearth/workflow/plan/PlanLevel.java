package dev.hearth.workflow.plan;

import java.util.List;

/** The jobs of one level of the job graph, in file order; they may run together. */
public record PlanLevel(int level, List<PlannedJob> jobs) {
    public PlanLevel {
        jobs = List.copyOf(jobs);
    }
}
