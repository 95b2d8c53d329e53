package dev.hearth.engine.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GithubContextTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RepositoryInfo LOCAL = new RepositoryInfo("a".repeat(40), "refs/heads/dev", "me/local");
    private static final StepPaths PATHS = new StepPaths("/w", "/t", "/tc", "/h", "/t/event.json", "/t/env", "/t/out",
            "/t/state", "/t/path", "/t/sum");

    private static Map<String, Object> context(String event, String payload) throws Exception {
        JsonNode p = JSON.readTree(payload);
        return GithubContext.of(event, p, LOCAL, "CI", ".github/workflows/ci.yml", 7, 3, "local-user", "")
                .forStep("build", "__run", PATHS);
    }

    @Test
    void pushTakesRefAndShaFromThePayload() throws Exception {
        Map<String, Object> c = context("push", """
                {"ref":"refs/tags/v1.2","after":"%s","repository":{"full_name":"o/r","owner":{"login":"o"}},
                 "sender":{"login":"mona","id":5}}""".formatted("b".repeat(40)));
        assertThat(c).containsEntry("ref", "refs/tags/v1.2").containsEntry("ref_name", "v1.2")
                .containsEntry("ref_type", "tag").containsEntry("sha", "b".repeat(40))
                .containsEntry("repository", "o/r").containsEntry("repository_owner", "o")
                .containsEntry("actor", "mona").containsEntry("job", "build").containsEntry("action", "__run")
                .containsEntry("workspace", "/w").containsEntry("output", "/t/out")
                .containsEntry("workflow_ref", "o/r/.github/workflows/ci.yml@refs/tags/v1.2")
                .containsEntry("run_id", "7").containsEntry("run_number", "3");
    }

    @Test
    void pullRequestUsesTheMergeRef() throws Exception {
        Map<String, Object> c = context("pull_request", """
                {"number":12,"pull_request":{"number":12,"merge_commit_sha":"%s",
                 "head":{"ref":"topic","sha":"%s"},"base":{"ref":"main","sha":"%s"}}}"""
                .formatted("c".repeat(40), "d".repeat(40), "e".repeat(40)));
        assertThat(c).containsEntry("ref", "refs/pull/12/merge").containsEntry("ref_name", "12/merge")
                .containsEntry("sha", "c".repeat(40)).containsEntry("head_ref", "topic")
                .containsEntry("base_ref", "main").containsEntry("repository", "me/local")
                .containsEntry("actor", "local-user");
    }

    @Test
    void withoutAPayloadTheLocalRepositorySpeaks() throws Exception {
        Map<String, Object> c = context("push", "{}");
        assertThat(c).containsEntry("ref", "refs/heads/dev").containsEntry("sha", "a".repeat(40))
                .containsEntry("repository", "me/local").containsEntry("repository_owner", "me");
        Map<String, String> env = GithubContext.of("push", JSON.readTree("{}"), LOCAL, "CI", "ci.yml", 1, 1, "u", "")
                .environment("build", "__run", PATHS);
        assertThat(env).containsEntry("GITHUB_REF_NAME", "dev").containsEntry("GITHUB_OUTPUT", "/t/out")
                .containsEntry("GITHUB_ACTIONS", "true").containsEntry("CI", "true")
                .containsEntry("GITHUB_EVENT_PATH", "/t/event.json");
    }
}
