package dev.hearth.server.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

class GitHubClientTest {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    static final String TOKEN = "ghp_testtoken";

    WireMockServer github;
    GitHubClient client;

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
        client = GitHubClient.create(new GitHubConfig(URI.create(github.baseUrl()), new GitHubAuth.Token(TOKEN)),
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void commitStatusCarriesGitHubsHeadersAndADescriptionCutAt140() {
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA)).willReturn(created().withBody("{\"id\":1}")));
        String longText = "x".repeat(200);

        client.createStatus(new Report.CommitStatus("octo/app", SHA, "ci", StatusState.FAILURE,
                "https://hearth.example/runs/7", longText));

        List<LoggedRequest> calls = github.findAll(postRequestedFor(urlEqualTo("/repos/octo/app/statuses/" + SHA)));
        assertThat(calls).hasSize(1);
        LoggedRequest call = calls.get(0);
        assertThat(call.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(call.getHeader("Accept")).isEqualTo("application/vnd.github+json");
        assertThat(call.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        assertThat(call.getHeader("Content-Type")).startsWith("application/json");
        JsonNode body = GitHubJson.parse(call.getBodyAsString());
        assertThat(body.get("state").asText()).isEqualTo("failure");
        assertThat(body.get("context").asText()).isEqualTo("hearth/ci");
        assertThat(body.get("target_url").asText()).isEqualTo("https://hearth.example/runs/7");
        String description = body.get("description").asText();
        assertThat(description).hasSize(140).startsWith("x".repeat(139)).endsWith("…");
    }

    @Test
    void aShortDescriptionIsSentAsItIs() {
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA)).willReturn(created()));
        client.createStatus(new Report.CommitStatus("octo/app", SHA, "build", StatusState.PENDING, null, "queued"));
        github.verify(postRequestedFor(urlEqualTo("/repos/octo/app/statuses/" + SHA))
                .withRequestBody(equalToJson("{\"state\":\"pending\",\"context\":\"hearth/build\",\"description\":\"queued\"}")));
    }

    @Test
    void enterpriseServerBaseUrlWithAPathIsKept() {
        github.stubFor(post(urlEqualTo("/api/v3/repos/octo/app/statuses/" + SHA)).willReturn(created()));
        GitHubClient ghes = GitHubClient.create(new GitHubConfig(URI.create(github.baseUrl() + "/api/v3/"),
                new GitHubAuth.Token(TOKEN)), Clock.systemUTC());
        ghes.createStatus(new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, null));
        github.verify(1, postRequestedFor(urlEqualTo("/api/v3/repos/octo/app/statuses/" + SHA)));
    }

    @Test
    void checkRunIsCreatedThenUpdatedInPlace() {
        String list = "/repos/octo/app/commits/" + SHA + "/check-runs?check_name=hearth%2Fci&filter=latest";
        github.stubFor(get(urlEqualTo(list)).inScenario("check").whenScenarioStateIs("Started")
                .willReturn(okJson("{\"total_count\":0,\"check_runs\":[]}")));
        github.stubFor(post(urlEqualTo("/repos/octo/app/check-runs")).inScenario("check")
                .willReturn(jsonResponse("{\"id\":77}", 201)).willSetStateTo("created"));
        github.stubFor(get(urlEqualTo(list)).inScenario("check").whenScenarioStateIs("created")
                .willReturn(okJson("{\"total_count\":1,\"check_runs\":[{\"id\":77,\"name\":\"hearth/ci\"}]}")));
        github.stubFor(patch(urlEqualTo("/repos/octo/app/check-runs/77")).willReturn(okJson("{\"id\":77}")));
        java.time.Instant started = java.time.Instant.parse("2025-01-01T10:00:00Z");

        long created = client.upsertCheckRun(new Report.CheckRun("octo/app", SHA, "ci", CheckStatus.IN_PROGRESS, null,
                "https://hearth.example/runs/7", null, started, null));
        long updated = client.upsertCheckRun(new Report.CheckRun("octo/app", SHA, "ci", CheckStatus.COMPLETED,
                RunConclusion.FAILURE, "https://hearth.example/runs/7", "step `test` failed", started,
                started.plusSeconds(42)));

        assertThat(created).isEqualTo(77);
        assertThat(updated).isEqualTo(77);
        github.verify(1, postRequestedFor(urlEqualTo("/repos/octo/app/check-runs")).withRequestBody(equalToJson("""
                {"name":"hearth/ci","head_sha":"%s","status":"in_progress","details_url":"https://hearth.example/runs/7",
                 "started_at":"2025-01-01T10:00:00Z","output":{"title":"hearth/ci: in progress","summary":"in progress"}}
                """.formatted(SHA))));
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/octo/app/check-runs/77")).withRequestBody(equalToJson("""
                {"name":"hearth/ci","status":"completed","conclusion":"failure","details_url":"https://hearth.example/runs/7",
                 "started_at":"2025-01-01T10:00:00Z","completed_at":"2025-01-01T10:00:42Z",
                 "output":{"title":"hearth/ci: failure","summary":"step `test` failed"}}
                """)));
    }

    @Test
    void prCommentIsCreatedOnceThenEditedNotDuplicated() {
        String list = "/repos/octo/app/issues/5/comments?per_page=100&page=1";
        github.stubFor(get(urlEqualTo(list)).inScenario("pr").whenScenarioStateIs("Started")
                .willReturn(okJson("[{\"id\":1,\"body\":\"LGTM\"}]")));
        github.stubFor(post(urlEqualTo("/repos/octo/app/issues/5/comments")).inScenario("pr")
                .willReturn(jsonResponse("{\"id\":900}", 201)).willSetStateTo("commented"));
        List<WorkflowResult> running = List.of(new WorkflowResult("ci", null, null, "https://hearth.example/runs/1"));
        List<WorkflowResult> done = List.of(
                new WorkflowResult("ci", RunConclusion.FAILURE, Duration.ofSeconds(75), "https://hearth.example/runs/1"),
                new WorkflowResult("lint", RunConclusion.SUCCESS, Duration.ofSeconds(3), "https://hearth.example/runs/2"));

        long first = client.upsertComment(new Report.PullRequestComment("octo/app", SHA, 5, running));
        String posted = GitHubJson.parse(github.findAll(postRequestedFor(urlEqualTo("/repos/octo/app/issues/5/comments")))
                .get(0).getBodyAsString()).get("body").asText();
        github.stubFor(get(urlEqualTo(list)).inScenario("pr").whenScenarioStateIs("commented")
                .willReturn(okJson(GitHubJson.MAPPER.createArrayNode()
                        .add(GitHubJson.MAPPER.createObjectNode().put("id", 1).put("body", "LGTM"))
                        .add(GitHubJson.MAPPER.createObjectNode().put("id", 900).put("body", posted)).toString())));
        github.stubFor(patch(urlEqualTo("/repos/octo/app/issues/comments/900")).willReturn(okJson("{\"id\":900}")));
        long second = client.upsertComment(new Report.PullRequestComment("octo/app", SHA, 5, done));
        long third = client.upsertComment(new Report.PullRequestComment("octo/app", SHA, 5, running));

        assertThat(first).isEqualTo(900);
        assertThat(second).isEqualTo(900);
        assertThat(third).isEqualTo(900);
        assertThat(posted).startsWith(ResultsTable.MARKER).contains("⏳ running");
        github.verify(1, postRequestedFor(urlEqualTo("/repos/octo/app/issues/5/comments")));
        List<LoggedRequest> edits = github.findAll(patchRequestedFor(urlEqualTo("/repos/octo/app/issues/comments/900")));
        assertThat(edits).hasSize(1); // the third upsert finds the same text it would write: no edit
        String edited = GitHubJson.parse(edits.get(0).getBodyAsString()).get("body").asText();
        assertThat(edited).contains("| ci | ❌ failure | 1m 15s | [run](https://hearth.example/runs/1) |")
                .contains("| lint | ✅ success | 3s |").doesNotContain("✅ failure");
    }

    @Test
    void prCommentIsFoundOnALaterPage() {
        List<String> firstPage = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            firstPage.add("{\"id\":" + (1000 + i) + ",\"body\":\"chatter " + i + "\"}");
        }
        github.stubFor(get(urlEqualTo("/repos/octo/app/issues/5/comments?per_page=100&page=1"))
                .willReturn(okJson("[" + String.join(",", firstPage) + "]")));
        github.stubFor(get(urlEqualTo("/repos/octo/app/issues/5/comments?per_page=100&page=2"))
                .willReturn(okJson("[{\"id\":4242,\"body\":\"" + ResultsTable.MARKER + "\\nold table\"}]")));
        github.stubFor(patch(urlEqualTo("/repos/octo/app/issues/comments/4242")).willReturn(okJson("{\"id\":4242}")));

        long id = client.upsertComment(new Report.PullRequestComment("octo/app", SHA, 5,
                List.of(new WorkflowResult("ci", RunConclusion.SUCCESS, Duration.ofSeconds(9), null))));

        assertThat(id).isEqualTo(4242);
        github.verify(1, patchRequestedFor(urlEqualTo("/repos/octo/app/issues/comments/4242")));
        github.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aRefusalCarriesGitHubsStatusAndMessage() {
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA))
                .willReturn(jsonResponse("{\"message\":\"Validation Failed\"}", 422)));
        GitHubCallException e = org.junit.jupiter.api.Assertions.assertThrows(GitHubCallException.class,
                () -> client.createStatus(new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, null)));
        assertThat(e.failure()).isInstanceOfSatisfying(CallFailure.Refused.class,
                r -> assertThat(r.response().status()).isEqualTo(422));
        assertThat(e.getMessage()).contains("422").contains("Validation Failed").doesNotContain(TOKEN);
    }
}
