package dev.hearth.workflow.model;

import java.util.List;
import java.util.Map;

/**
 * A job that calls a reusable workflow.
 *
 * @param uses           the reference as written: {@code ./.github/workflows/x.yml} or
 *                       {@code owner/repo/path@ref}
 * @param with           inputs passed: String, Double or Boolean as written
 * @param secrets        secrets passed (empty when {@code secretsInherit})
 * @param secretsInherit {@code secrets: inherit}
 * @param called         the called workflow when it could be read, else null
 */
public record ReusableWorkflowJob(String id, String name, List<String> needs, String condition, String uses,
                                  Map<String, Object> with, Map<String, String> secrets, boolean secretsInherit,
                                  Strategy strategy, Permissions permissions, Concurrency concurrency,
                                  Workflow called, Position position) implements Job {
    public ReusableWorkflowJob {
        needs = List.copyOf(needs);
        with = Ordered.copy(with);
        secrets = Ordered.copy(secrets);
    }

    /** A copy with the called workflow attached, once it has been read. */
    public ReusableWorkflowJob withCalled(Workflow workflow) {
        return new ReusableWorkflowJob(id, name, needs, condition, uses, with, secrets, secretsInherit, strategy,
                permissions, concurrency, workflow, position);
    }
}
