package dev.hearth.workflow.plan;

import dev.hearth.workflow.trigger.Event;
import dev.hearth.workflow.trigger.TriggerResult;
import java.util.List;

/**
 * What a workflow would do for an event.
 *
 * @param file     the workflow file as given
 * @param name     the workflow's {@code name:}, or null
 * @param event    the event planned for
 * @param trigger  whether the event triggers the workflow, and why not; the jobs are listed either way
 * @param levels   the jobs level by level, every step of every job included
 * @param problems what kept parts of the plan from being worked out (a broken job graph), usually none
 */
public record Plan(String file, String name, Event event, TriggerResult trigger, List<PlanLevel> levels,
                   List<String> problems) {
    public Plan {
        levels = List.copyOf(levels);
        problems = List.copyOf(problems);
    }

    /** Whether the event starts the workflow. */
    public boolean triggered() {
        return trigger.triggered();
    }

    /** How many jobs, nested called-workflow jobs not counted. */
    public int jobCount() {
        int n = 0;
        for (PlanLevel l : levels) {
            n += l.jobs().size();
        }
        return n;
    }
}
