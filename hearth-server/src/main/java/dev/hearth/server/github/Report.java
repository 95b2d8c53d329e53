package dev.hearth.server.github;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One thing to tell GitHub, as it waits in the outbox: its kind (the JSON {@code kind} field), the
 * repository ({@code owner/name}), the commit and the kind's own fields. {@link ReportCodec} turns it
 * into JSON and back.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Report.CommitStatus.class, name = Report.COMMIT_STATUS),
    @JsonSubTypes.Type(value = Report.CheckRun.class, name = Report.CHECK_RUN),
    @JsonSubTypes.Type(value = Report.PullRequestComment.class, name = Report.PR_COMMENT)
})
public sealed interface Report {

    String COMMIT_STATUS = "commit_status";
    String CHECK_RUN = "check_run";
    String PR_COMMENT = "pr_comment";

    String repository();

    String sha();

    /** The kind's name, as stored in the JSON. */
    String kind();

    /**
     * Reports with the same key describe the same thing on GitHub (one status context, one check run,
     * one PR comment): only the newest one still matters, and they must not overtake each other.
     */
    String supersedeKey();

    /** A commit status: context {@code hearth/<workflow>}, state, link, and a short description. */
    record CommitStatus(String repository, String sha, String workflow, StatusState state, String targetUrl,
                        String description) implements Report {
        public CommitStatus {
            checkRepository(repository, sha);
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(state, "state");
        }

        public String context() {
            return "hearth/" + workflow;
        }

        @Override
        public String kind() {
            return COMMIT_STATUS;
        }

        @Override
        public String supersedeKey() {
            return kind() + ":" + repository + ":" + sha + ":" + context();
        }
    }

    /** A check run named {@code hearth/<workflow>} (GitHub App only), created or updated. */
    record CheckRun(String repository, String sha, String workflow, CheckStatus status, RunConclusion conclusion,
                    String detailsUrl, String summary, Instant startedAt, Instant completedAt) implements Report {
        public CheckRun {
            checkRepository(repository, sha);
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(status, "status");
            if ((status == CheckStatus.COMPLETED) != (conclusion != null)) {
                throw new IllegalArgumentException("a check run has a conclusion exactly when it is completed");
            }
        }

        public String name() {
            return "hearth/" + workflow;
        }

        @Override
        public String kind() {
            return CHECK_RUN;
        }

        @Override
        public String supersedeKey() {
            return kind() + ":" + repository + ":" + sha + ":" + name();
        }
    }

    /** The one Hearth comment on pull request {@code number}, with the results of the PR's head commit. */
    record PullRequestComment(String repository, String sha, int number, List<WorkflowResult> results)
            implements Report {
        public PullRequestComment {
            checkRepository(repository, sha);
            if (number <= 0) {
                throw new IllegalArgumentException("pull request number must be positive: " + number);
            }
            results = List.copyOf(results);
        }

        @Override
        public String kind() {
            return PR_COMMENT;
        }

        @Override
        public String supersedeKey() {
            return kind() + ":" + repository + ":" + number;
        }
    }

    private static void checkRepository(String repository, String sha) {
        if (repository == null || !Holder.REPOSITORY.matcher(repository).matches()) {
            throw new IllegalArgumentException("repository must be owner/name: " + repository);
        }
        if (sha == null || !Holder.SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a commit SHA: " + sha);
        }
    }

    /** Interfaces cannot hold private constants; this keeps the patterns out of the public API. */
    final class Holder {
        private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
        private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

        private Holder() {
        }
    }
}
