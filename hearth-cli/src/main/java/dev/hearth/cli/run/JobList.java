package dev.hearth.cli.run;

import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.plan.PlanLevel;
import dev.hearth.workflow.plan.PlannedJob;
import dev.hearth.workflow.plan.Planner;
import dev.hearth.workflow.trigger.EventTrigger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The jobs of {@code hearth run -l}, one row each as act lists them: the stage (the job's level in
 * the {@code needs} graph, from 0), job id, job name, workflow name, workflow file and the events
 * the workflow runs on.
 */
public final class JobList {

    private JobList() {
    }

    /** A workflow to list, with the file it was read from. */
    public record Listed(Path file, Workflow workflow) {
    }

    /**
     * @param only list only these job ids (compared without case, as GitHub does); empty for all
     */
    public static String render(List<Listed> workflows, List<String> only, ConsoleStyle style) {
        Set<String> wanted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        wanted.addAll(only);
        TextTable table = new TextTable("Stage", "Job ID", "Job name", "Workflow name", "Workflow file", "Events");
        for (Listed l : workflows) {
            Workflow wf = l.workflow();
            String file = l.file().getFileName().toString();
            String name = wf.name() != null ? wf.name() : file;
            List<String> events = new ArrayList<>();
            for (EventTrigger t : wf.on()) {
                events.add(t.event());
            }
            for (PlanLevel level : Planner.plan(wf, Planner.defaultEvent(wf)).levels()) {
                for (PlannedJob job : level.jobs()) {
                    if (wanted.isEmpty() || wanted.contains(job.id())) {
                        table.row(String.valueOf(level.level()), job.id(), job.name() != null ? job.name() : job.id(),
                                name, file, String.join(",", events));
                    }
                }
            }
        }
        return table.render(style);
    }
}
