package dev.hearth.server.github;

import java.time.Duration;
import java.util.Objects;

/**
 * One row of the PR comment's results table: a workflow, its real conclusion ({@code null} while it
 * is still queued or running), how long it took ({@code null} if unknown) and where its run is shown.
 */
public record WorkflowResult(String workflow, RunConclusion conclusion, Duration duration, String url) {
    public WorkflowResult {
        Objects.requireNonNull(workflow, "workflow");
    }
}
