package dev.hearth.server;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.server.config.ServerConfig;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.LogChunk;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, acceptance 1: a running server gets signed push and pull_request deliveries over HTTP for a
 * real repository, runs the triggered workflows in their own sandboxes and reports their real
 * conclusions to a local GitHub.
 */
class ServeEndToEndTest {

    static final String CI = """
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "sandbox=$HEARTH_SANDBOX_ID"
                  - run: echo built
            """;
    static final String DOCS = """
            on:
              push:
                paths: ['docs/**']
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - run: echo docs
            """;
    static final String FAIL = """
            on: [push, pull_request]
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: echo "sandbox=$HEARTH_SANDBOX_ID"
                  - run: exit 3
            """;

    static Map<String, String> workflows() {
        return Map.of(".github/workflows/ci.yml", CI, ".github/workflows/docs.yml", DOCS,
                ".github/workflows/fail.yml", FAIL, "src/app.txt", "v1\n");
    }

    static ServeOptions fastOptions() {
        return ServeOptions.fromEnvironment(Map.of()).withShutdownGrace(Duration.ofSeconds(20))
                .withIntervals(Duration.ofMillis(100), Duration.ofMillis(50));
    }

    @Test
    void pushAndPullRequestRunTheRightWorkflowsAndReportTheirRealConclusions(@TempDir Path dir) throws Exception {
        try (GitHubFixture gh = new GitHubFixture(dir)) {
            RevCommit first = gh.commit("workflows", workflows());
            gh.push("main", "refs/heads/main");
            ServerConfig config = ServerConfig.load(gh.env(dir.resolve("data")));
            try (Server server = new Server(config, fastOptions())) {
                int port = server.start();
                RunStore runs = new RunStore(server.database(), Clock.systemUTC());
                DeliveryStore deliveries = new DeliveryStore(server.database(), Clock.systemUTC());

                assertThat(gh.deliver(port, "push", "push-1", gh.pushPayload("refs/heads/main", null, first, List.of(first)))
                        .statusCode()).isBetween(200, 299);
                await().atMost(Duration.ofSeconds(60)).until(() -> done(runs, "push-1", 2));

                List<Run> pushRuns = runs.forDelivery("push-1");
                assertThat(pushRuns).extracting(Run::workflowPath)
                        .containsExactlyInAnyOrder(".github/workflows/ci.yml", ".github/workflows/fail.yml");
                assertThat(conclusionOf(pushRuns, "ci.yml")).isEqualTo(Conclusion.SUCCESS);
                assertThat(conclusionOf(pushRuns, "fail.yml")).isEqualTo(Conclusion.FAILURE);
                assertThat(deliveries.find("push-1").orElseThrow().state()).isEqualTo(DeliveryState.DONE);

                // Each workflow ran in a sandbox of its own: the sandboxes' markers differ.
                LogStore logs = new LogStore(server.database(), Clock.systemUTC());
                List<String> sandboxIds = pushRuns.stream().map(r -> sandboxId(logs.read(r.id(), 0, 1000))).toList();
                assertThat(sandboxIds).doesNotContainNull().doesNotHaveDuplicates();

                await().atMost(Duration.ofSeconds(20)).until(() -> last(gh.statuses(first.name(), "hearth/fail")), "failure"::equals);
                await().atMost(Duration.ofSeconds(20)).until(() -> last(gh.statuses(first.name(), "hearth/ci")), "success"::equals);
                assertThat(gh.statuses(first.name(), "hearth/ci")).first().isEqualTo("pending");
                assertThat(gh.statuses(first.name(), "hearth/fail")).first().isEqualTo("pending");
                assertThat(gh.statuses(first.name(), "hearth/docs")).as("filtered out by paths").isEmpty();

                // A redelivery is answered and not run again.
                assertThat(gh.deliver(port, "push", "push-1", gh.pushPayload("refs/heads/main", null, first, List.of(first)))
                        .statusCode()).isBetween(200, 299);

                // A pull request from a branch: the same two workflows, one comment made once and then edited.
                gh.branch("feature");
                RevCommit head = gh.commit("change", Map.of("src/app.txt", "v2\n"));
                gh.push("feature", "refs/heads/feature");
                gh.push("feature", "refs/pull/7/head");
                assertThat(gh.deliver(port, "pull_request", "pr-1", gh.pullRequestPayload("opened", first, head))
                        .statusCode()).isBetween(200, 299);
                await().atMost(Duration.ofSeconds(60)).until(() -> done(runs, "pr-1", 2));
                await().atMost(Duration.ofSeconds(20)).until(() -> last(gh.statuses(head.name(), "hearth/fail")), "failure"::equals);
                await().atMost(Duration.ofSeconds(20)).until(() -> last(gh.statuses(head.name(), "hearth/ci")), "success"::equals);
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    var edits = gh.requests(patchRequestedFor(urlPathEqualTo("/repos/octo/hello/issues/comments/99")));
                    if (edits.isEmpty()) {
                        return false;
                    }
                    String body = GitHubFixture.json(edits.getLast()).path("body").asText();
                    return body.contains("✅") && body.contains("❌") && !body.contains("running");
                });
                assertThat(gh.requests(postRequestedFor(urlPathEqualTo("/repos/octo/hello/issues/7/comments"))))
                        .as("the PR comment is created once").hasSize(1);

                assertThat(runs.forDelivery("push-1")).hasSize(2);
                String metrics = gh.get(port, "/metrics").body();
                assertThat(metrics).contains("hearth_runs_total{conclusion=\"failure\"}")
                        .contains("hearth_deliveries_total{event=\"push\",outcome=\"done\"}")
                        .contains("hearth_sandbox_allocation_seconds_count")
                        .contains("hearth_queue_depth").contains("hearth_running_workflows");
                // the REST API is served by the same server and sees the same runs
                String list = gh.get(port, "/api/runs?repository=octo/hello").body();
                assertThat(list).contains("\"conclusion\"").contains(".github/workflows/fail.yml");
            }
        }
    }

    static boolean done(RunStore runs, String deliveryId, int expected) {
        List<Run> list = runs.forDelivery(deliveryId);
        return list.size() == expected && list.stream().allMatch(r -> r.state() == RunState.COMPLETED);
    }

    static Conclusion conclusionOf(List<Run> runs, String file) {
        return runs.stream().filter(r -> r.workflowPath().endsWith(file)).findFirst().orElseThrow().conclusion();
    }

    static String last(List<String> states) {
        return states.isEmpty() ? null : states.getLast();
    }

    static String sandboxId(List<LogChunk> chunks) {
        Matcher m = Pattern.compile("sandbox=([A-Za-z0-9-]+)").matcher(
                String.join("", chunks.stream().map(LogChunk::text).toList()));
        return m.find() ? m.group(1) : null;
    }
}
