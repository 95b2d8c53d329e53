package dev.hearth.workflow.model;

import dev.hearth.workflow.trigger.EventTrigger;
import java.util.List;
import java.util.Map;

/**
 * A workflow file.
 *
 * @param file           the file's name as given to the reader (a path, or {@code owner/repo/path@ref})
 * @param name           {@code name:}, or null
 * @param runName        {@code run-name:} as written, or null
 * @param on             the events under {@code on:}, in file order
 * @param dispatchInputs {@code on.workflow_dispatch.inputs}, in file order
 * @param call           {@code on.workflow_call}, or null when the workflow cannot be called
 * @param env            workflow-level {@code env}
 * @param defaults       {@code defaults.run}, or null
 * @param permissions    {@code permissions}, or null when not given
 * @param concurrency    {@code concurrency}, or null
 * @param jobs           the jobs in file order
 */
public record Workflow(String file, String name, String runName, List<EventTrigger> on,
                       Map<String, WorkflowInput> dispatchInputs, WorkflowCall call, Map<String, String> env,
                       Defaults defaults, Permissions permissions, Concurrency concurrency, List<Job> jobs) {
    public Workflow {
        on = List.copyOf(on);
        dispatchInputs = Ordered.copy(dispatchInputs);
        env = Ordered.copy(env);
        jobs = List.copyOf(jobs);
    }

    /** The job with this id (GitHub compares job ids case-insensitively), or null. */
    public Job job(String id) {
        for (Job j : jobs) {
            if (j.id().equalsIgnoreCase(id)) {
                return j;
            }
        }
        return null;
    }
}
