package dev.hearth.server.api;

import dev.hearth.server.store.Job;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The JSON shapes of the API. States and conclusions are lower case as GitHub writes them; times are
 * ISO-8601 strings; lease details stay internal.
 */
final class RunViews {
    private RunViews() {}

    /** A run as listed. */
    record RunSummary(long id, String deliveryId, String repository, String sha, String ref, String workflowPath,
            String state, String conclusion, int attempts, String createdAt, String startedAt, String completedAt) {}

    /** A run with its jobs and their steps. */
    record RunDetail(long id, String deliveryId, String repository, String sha, String ref, String workflowPath,
            String state, String conclusion, int attempts, String createdAt, String startedAt, String completedAt,
            String cancelRequestedAt, List<JobView> jobs) {}

    /** A job with its steps. */
    record JobView(long id, String key, String name, String state, String conclusion, String startedAt,
            String completedAt, Long durationMs, List<StepView> steps) {}

    /** A step. */
    record StepView(long id, int number, String name, String state, String conclusion, String startedAt,
            String completedAt, Long durationMs) {}

    /** One page of runs. */
    record RunList(long totalCount, int page, int perPage, List<RunSummary> runs) {}

    /** An error or a short answer. */
    record Message(String message) {}

    /** The answer to a re-run. */
    record Rerun(long runId, String message) {}

    static RunSummary summary(Run r) {
        return new RunSummary(r.id(), r.deliveryId(), r.repository(), r.sha(), r.ref(), r.workflowPath(),
                lower(r.state()), lower(r.conclusion()), r.attempts(), time(r.createdAt()), time(r.startedAt()),
                time(r.completedAt()));
    }

    static RunDetail detail(Run r, Instant cancelRequestedAt, List<JobView> jobs) {
        return new RunDetail(r.id(), r.deliveryId(), r.repository(), r.sha(), r.ref(), r.workflowPath(),
                lower(r.state()), lower(r.conclusion()), r.attempts(), time(r.createdAt()), time(r.startedAt()),
                time(r.completedAt()), time(cancelRequestedAt), jobs);
    }

    static JobView job(Job j, List<StepView> steps) {
        return new JobView(j.id(), j.jobKey(), j.name(), lower(j.state()), lower(j.conclusion()), time(j.startedAt()),
                time(j.completedAt()), j.durationMs(), steps);
    }

    static StepView step(Step s) {
        return new StepView(s.id(), s.number(), s.name(), lower(s.state()), lower(s.conclusion()), time(s.startedAt()),
                time(s.completedAt()), s.durationMs());
    }

    static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    static String time(Instant t) {
        return t == null ? null : t.toString();
    }

}
