package dev.hearth.server.run;

import dev.hearth.server.github.CheckStatus;
import dev.hearth.server.github.Report;
import dev.hearth.server.github.ReportQueue;
import dev.hearth.server.github.RunConclusion;
import dev.hearth.server.github.StatusState;
import dev.hearth.server.github.WorkflowResult;
import dev.hearth.server.source.EventFacts;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The reports a run owes GitHub, put in the outbox: a pending status (or a queued / in-progress check
 * run) when it is queued and started, the real conclusion when it ends, and for pull requests the one
 * results comment, rewritten from all runs of the delivery each time one of them changes. Statuses go
 * on the commit GitHub shows: a pull request's head, not the test merge commit the run checked out.
 */
public final class RunReports {

    private static final int MAX_DESCRIPTION = 140;

    private final Optional<ReportQueue> queue;
    private final RunStore runs;
    private final boolean checkRuns;
    private final String publicUrl;
    private final Clock clock;

    /**
     * @param queue     the outbox, or empty when GitHub reporting is not configured
     * @param checkRuns check runs (GitHub App) instead of commit statuses
     * @param publicUrl the server's URL for links to runs, or null for no links
     */
    public RunReports(Optional<ReportQueue> queue, RunStore runs, boolean checkRuns, String publicUrl, Clock clock) {
        this.queue = queue;
        this.runs = runs;
        this.checkRuns = checkRuns;
        this.publicUrl = publicUrl == null || publicUrl.isBlank() ? null : publicUrl.replaceAll("/+$", "");
        this.clock = clock;
    }

    /** The name a workflow file is reported under ({@code hearth/<name>}): its file name without extension. */
    public static String workflowName(String workflowPath) {
        String file = workflowPath.substring(workflowPath.lastIndexOf('/') + 1);
        int dot = file.lastIndexOf('.');
        return dot > 0 ? file.substring(0, dot) : file;
    }

    /** The run waits for a slot. */
    public void queued(Run run, EventFacts facts) {
        status(run, facts, StatusState.PENDING, CheckStatus.QUEUED, null, "Queued");
    }

    /** The run started. */
    public void started(Run run, EventFacts facts) {
        status(run, facts, StatusState.PENDING, CheckStatus.IN_PROGRESS, null, "Running");
    }

    /** The run ended with {@code conclusion}; {@code detail} says why when it is not the workflow's own result. */
    public void concluded(Run run, EventFacts facts, RunConclusion conclusion, String detail) {
        String text = "Hearth: " + conclusion.word() + (detail == null ? "" : " (" + detail + ")");
        status(run, facts, conclusion.statusState(), CheckStatus.COMPLETED, conclusion, text);
    }

    /** For a pull request, the results comment as the delivery's runs stand now. */
    public void pullRequestComment(String deliveryId, EventFacts facts) {
        if (queue.isEmpty() || facts.pullRequest() == null) {
            return;
        }
        List<WorkflowResult> results = runs.forDelivery(deliveryId).stream().map(this::result).toList();
        if (results.isEmpty()) {
            return;
        }
        queue.get().enqueue(new Report.PullRequestComment(facts.repository(), reportedSha(facts, null),
                facts.pullRequest().number(), results));
    }

    private WorkflowResult result(Run run) {
        RunConclusion conclusion = run.state() == RunState.COMPLETED ? toReported(run.conclusion()) : null;
        Duration took = run.startedAt() != null && run.completedAt() != null
                ? Duration.between(run.startedAt(), run.completedAt()) : null;
        return new WorkflowResult(workflowName(run.workflowPath()), conclusion, took, link(run));
    }

    /** The store's conclusion as reported to GitHub. */
    public static RunConclusion toReported(Conclusion c) {
        return c == null ? RunConclusion.ERROR : RunConclusion.valueOf(c.name());
    }

    private void status(Run run, EventFacts facts, StatusState state, CheckStatus check, RunConclusion conclusion,
                        String description) {
        if (queue.isEmpty()) {
            return;
        }
        String sha = reportedSha(facts, run);
        String name = workflowName(run.workflowPath());
        String text = description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION - 1) + "…"
                : description;
        Report report = checkRuns
                ? new Report.CheckRun(run.repository(), sha, name, check, conclusion, link(run), text,
                        run.startedAt(), conclusion == null ? null : clock.instant())
                : new Report.CommitStatus(run.repository(), sha, name, state, link(run), text);
        queue.get().enqueue(report);
    }

    private static String reportedSha(EventFacts facts, Run run) {
        if (facts.pullRequest() != null && facts.pullRequest().headSha() != null) {
            return facts.pullRequest().headSha();
        }
        return run != null ? run.sha() : facts.sha();
    }

    private String link(Run run) {
        return publicUrl == null ? null : publicUrl + "/api/runs/" + run.id();
    }
}
