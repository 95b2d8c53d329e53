package dev.hearth.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventFactsTest {
    static final String A = "a".repeat(40);
    static final String B = "b".repeat(40);
    static final String C = "c".repeat(40);

    private static ObjectNode repo(ObjectNode p) {
        p.putObject("repository").put("full_name", "octo/hello").put("clone_url", "https://github.com/octo/hello.git");
        p.putObject("sender").put("login", "octocat");
        return p;
    }

    @Test
    void aPushSaysRefShasCommitsAndSender() {
        ObjectNode p = repo(Origin.JSON.createObjectNode().put("ref", "refs/heads/main").put("before", A).put("after", B));
        p.putArray("commits").addObject().put("id", C);
        EventFacts f = EventFacts.parse("push", p);
        assertThat(f.repository()).isEqualTo("octo/hello");
        assertThat(f.cloneUrl()).isEqualTo("https://github.com/octo/hello.git");
        assertThat(f.sha()).isEqualTo(B);
        assertThat(f.before()).isEqualTo(A);
        assertThat(f.pushedCommits()).containsExactly(C);
        assertThat(f.sender()).isEqualTo("octocat");
        assertThat(f.deleted()).isFalse();

        p.put("before", EventFacts.ZERO_SHA);
        assertThat(EventFacts.parse("push", p).before()).isNull();
        p.put("after", EventFacts.ZERO_SHA).put("deleted", true);
        assertThat(EventFacts.parse("push", p).deleted()).isTrue();
    }

    @Test
    void aPullRequestFromAForkIsMarked() {
        ObjectNode p = repo(Origin.JSON.createObjectNode().put("action", "opened"));
        ObjectNode pr = p.putObject("pull_request").put("number", 5).put("merge_commit_sha", C);
        pr.putObject("base").put("ref", "main").put("sha", A).putObject("repo").put("full_name", "octo/hello");
        pr.putObject("head").put("ref", "patch").put("sha", B).putObject("repo").put("full_name", "stranger/hello");
        EventFacts f = EventFacts.parse("pull_request", p);
        assertThat(f.pullRequest()).isEqualTo(new PullRequestFacts(5, "main", A, "patch", B, "stranger/hello", C, true));
        assertThat(f.sha()).isEqualTo(B);
        assertThat(f.ref()).isEqualTo("refs/heads/main");
        assertThat(f.pullRequest().mergeRef()).isEqualTo("refs/pull/5/merge");

        ((ObjectNode) pr.path("head").path("repo")).put("full_name", "octo/hello");
        assertThat(EventFacts.parse("pull_request", p).pullRequest().fromFork()).isFalse();
        ((ObjectNode) pr.path("head")).putNull("repo"); // the fork was deleted
        assertThat(EventFacts.parse("pull_request", p).pullRequest().fromFork()).isTrue();
    }

    @Test
    void missingOrMalformedFieldsAreNamed() {
        assertThatThrownBy(() -> EventFacts.parse("push", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> EventFacts.parse("push", Origin.JSON.createObjectNode().put("ref", "refs/heads/main")))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("repository.full_name");
        ObjectNode p = repo(Origin.JSON.createObjectNode().put("ref", "refs/heads/main").put("before", A).put("after", "HEAD"));
        assertThatThrownBy(() -> EventFacts.parse("push", p))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("after 'HEAD' is not a 40-digit commit SHA");
        ObjectNode pr = repo(Origin.JSON.createObjectNode().put("action", "opened"));
        pr.putObject("pull_request").put("number", 1).putObject("base").put("ref", "main").put("sha", A);
        assertThatThrownBy(() -> EventFacts.parse("pull_request", pr))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("pull_request.head.ref");
        ObjectNode d = repo(Origin.JSON.createObjectNode().put("ref", "main"));
        assertThatThrownBy(() -> EventFacts.parse("workflow_dispatch", d))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("workflow");
        assertThatThrownBy(() -> EventFacts.parse("issues", d))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("not one of");
        ObjectNode evil = repo(Origin.JSON.createObjectNode().put("ref", "refs/heads/main").put("before", A).put("after", B));
        ((ObjectNode) evil.path("repository")).put("full_name", "../../etc");
        assertThatThrownBy(() -> EventFacts.parse("push", evil))
                .isInstanceOf(BadPayloadException.class).hasMessageContaining("owner/name");
    }
}
