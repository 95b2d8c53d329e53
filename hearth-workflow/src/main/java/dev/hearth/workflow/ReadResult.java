package dev.hearth.workflow;

import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.validate.Problem;
import java.util.List;

/**
 * The outcome of reading a workflow file.
 *
 * @param workflow   the model; present whenever the file was loadable, even with problems (then it is
 *                   best-effort and must not be run)
 * @param problems   every problem found, the file's own in document order, then those of called workflows
 * @param warnings   what GitHub's parser accepts but GitHub refuses at run time; not counted as invalid
 * @param unresolved calls of reusable workflows that could not be read and skipped, when
 *                   {@link ReadOptions#allowUnresolvedCalls()}; otherwise each is a problem
 */
public record ReadResult(Workflow workflow, List<Problem> problems, List<Problem> warnings,
                         List<String> unresolved) {
    public ReadResult {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
        unresolved = List.copyOf(unresolved);
    }

    public boolean valid() {
        return problems.isEmpty() && workflow != null;
    }
}
