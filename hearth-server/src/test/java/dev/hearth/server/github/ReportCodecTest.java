package dev.hearth.server.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCodecTest {

    static final String SHA = GitHubClientTest.SHA;

    @Test
    void everyKindSurvivesTheTripThroughJson() {
        List<Report> reports = List.of(
                new Report.CommitStatus("octo/app", SHA, "ci", StatusState.ERROR, "https://h/runs/1", "sandbox died"),
                new Report.CheckRun("octo/app", SHA, "ci", CheckStatus.COMPLETED, RunConclusion.TIMED_OUT, "https://h/runs/1",
                        "timed out after 6h", Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-01-01T06:00:00Z")),
                new Report.PullRequestComment("octo/app", SHA, 12, List.of(
                        new WorkflowResult("ci", RunConclusion.FAILURE, Duration.ofSeconds(61), "https://h/runs/1"),
                        new WorkflowResult("lint", null, null, null))));

        for (Report report : reports) {
            String json = ReportCodec.toJson(report);
            assertThat(GitHubJson.parse(json).get("kind").asText()).isEqualTo(report.kind());
            assertThat(GitHubJson.parse(json).get("repository").asText()).isEqualTo("octo/app");
            assertThat(GitHubJson.parse(json).get("sha").asText()).isEqualTo(SHA);
            assertThat(ReportCodec.fromJson(json)).isEqualTo(report);
        }
    }

    @Test
    void badReportsAreRefused() {
        assertThatThrownBy(() -> new Report.CommitStatus("no-slash", SHA, "ci", StatusState.SUCCESS, null, null))
                .hasMessageContaining("owner/name");
        assertThatThrownBy(() -> new Report.CommitStatus("octo/app", "main", "ci", StatusState.SUCCESS, null, null))
                .hasMessageContaining("not a commit SHA");
        assertThatThrownBy(() -> new Report.CheckRun("octo/app", SHA, "ci", CheckStatus.IN_PROGRESS, RunConclusion.SUCCESS,
                null, null, null, null)).hasMessageContaining("conclusion exactly when it is completed");
        assertThatThrownBy(() -> ReportCodec.fromJson("{\"kind\":\"tweet\"}")).hasMessageContaining("not a stored report");
    }

    @Test
    void supersedeKeysGroupWhatDescribesTheSameThingOnGitHub() {
        Report pending = new Report.CommitStatus("octo/app", SHA, "ci", StatusState.PENDING, null, null);
        Report done = new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, null);
        Report other = new Report.CommitStatus("octo/app", SHA, "lint", StatusState.SUCCESS, null, null);
        assertThat(pending.supersedeKey()).isEqualTo(done.supersedeKey()).isNotEqualTo(other.supersedeKey());
        assertThat(new Report.PullRequestComment("octo/app", SHA, 3, List.of()).supersedeKey())
                .isEqualTo(new Report.PullRequestComment("octo/app", "%040x".formatted(9), 3, List.of()).supersedeKey());
    }
}
