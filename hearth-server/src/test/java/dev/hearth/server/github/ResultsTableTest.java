package dev.hearth.server.github;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultsTableTest {

    @Test
    void eachRowShowsTheRealConclusion() {
        String body = ResultsTable.render(GitHubClientTest.SHA, List.of(
                new WorkflowResult("build", RunConclusion.SUCCESS, Duration.ofSeconds(42), "https://h/runs/1"),
                new WorkflowResult("test", RunConclusion.FAILURE, Duration.ofMinutes(3).plusSeconds(5), "https://h/runs/2"),
                new WorkflowResult("deploy", RunConclusion.CANCELLED, Duration.ofHours(1).plusMinutes(7), null),
                new WorkflowResult("a|b", RunConclusion.ERROR, null, "https://h/runs/(4)")));

        assertThat(body).startsWith(ResultsTable.MARKER + "\n### Hearth results for 0123456");
        assertThat(body).contains("| build | ✅ success | 42s | [run](https://h/runs/1) |")
                .contains("| test | ❌ failure | 3m 05s | [run](https://h/runs/2) |")
                .contains("| deploy | 🚫 cancelled | 1h 07m |  |")
                .contains("| a\\|b | ⚠️ error |  | [run](https://h/runs/(4%29) |");
        assertThat(body.lines().filter(l -> l.contains("✅"))).hasSize(1);
    }

    @Test
    void staysUnderGitHubsCommentLimitAndSaysWhatIsLeftOut() {
        List<WorkflowResult> many = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            many.add(new WorkflowResult("workflow-" + i + "-" + "w".repeat(40), RunConclusion.SUCCESS,
                    Duration.ofSeconds(i), "https://hearth.example/runs/" + i));
        }
        String body = ResultsTable.render(GitHubClientTest.SHA, many);
        assertThat(body.length()).isLessThanOrEqualTo(ResultsTable.MAX_BODY);
        assertThat(body).contains("more workflows, not shown").contains("workflow-0-");
    }
}
