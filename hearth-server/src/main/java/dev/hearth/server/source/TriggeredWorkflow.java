package dev.hearth.server.source;

import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.validate.Problem;
import java.util.List;

/** A workflow file the event concerns: one to run, or one to report as errored because it is invalid. */
public sealed interface TriggeredWorkflow {

    /** The file's path in the repository. */
    String path();

    /** Why the event concerns it. */
    String reason();

    /**
     * A valid workflow whose triggers accept the event.
     *
     * @param unchecked filters that could not be checked for lack of data and did not block
     */
    record ToRun(String path, Workflow workflow, String reason, List<String> unchecked) implements TriggeredWorkflow {
        public ToRun {
            unchecked = List.copyOf(unchecked);
        }
    }

    /**
     * An invalid workflow the event would trigger (or whose triggers cannot be told): reported as errored with
     * its problems, as GitHub reports "Invalid workflow file", never run.
     */
    record Errored(String path, List<Problem> problems, String reason) implements TriggeredWorkflow {
        public Errored {
            problems = List.copyOf(problems);
        }
    }
}
