package dev.hearth.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventTest {

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text.replace('\'', '"'));
    }

    @Test
    void pushCollectsChangedFilesOfAllCommits() throws Exception {
        Event e = Event.fromPayload("push", json("""
                {'ref': 'refs/heads/main', 'commits': [
                  {'added': ['a.txt'], 'modified': ['b.txt'], 'removed': []},
                  {'added': [], 'modified': ['a.txt', 'c/d.txt'], 'removed': ['e.txt']}]}"""));
        assertThat(e.ref()).isEqualTo("refs/heads/main");
        assertThat(e.changedPaths()).containsExactly("a.txt", "b.txt", "c/d.txt", "e.txt");
    }

    @Test
    void pushWithoutCommitsHasUnknownFiles() throws Exception {
        Event e = Event.fromPayload("push", json("{'ref': 'refs/tags/v1', 'commits': []}"));
        assertThat(e.changedPaths()).isNull();
    }

    @Test
    void pullRequest() throws Exception {
        Event e = Event.fromPayload("pull_request", json("""
                {'action': 'opened', 'number': 7, 'pull_request': {'number': 7,
                  'base': {'ref': 'main'}, 'head': {'ref': 'feature/x'}}}"""));
        assertThat(e.action()).isEqualTo("opened");
        assertThat(e.baseRef()).isEqualTo("main");
        assertThat(e.headBranch()).isEqualTo("feature/x");
        assertThat(e.ref()).isEqualTo("refs/pull/7/merge");
        assertThat(e.changedPaths()).isNull();
        Event target = Event.fromPayload("pull_request_target", json("""
                {'action': 'opened', 'pull_request': {'number': 7, 'base': {'ref': 'main'}, 'head': {'ref': 'x'}}}"""));
        assertThat(target.ref()).isEqualTo("refs/heads/main");
    }

    @Test
    void otherEvents() throws Exception {
        assertThat(Event.fromPayload("workflow_dispatch", json("{'ref': 'refs/heads/main', 'inputs': {}}")).ref())
                .isEqualTo("refs/heads/main");
        Event run = Event.fromPayload("workflow_run", json("""
                {'action': 'completed', 'workflow_run': {'name': 'CI', 'head_branch': 'main'}}"""));
        assertThat(run.workflow()).isEqualTo("CI");
        assertThat(run.headBranch()).isEqualTo("main");
        assertThat(run.action()).isEqualTo("completed");
        assertThat(Event.fromPayload("repository_dispatch", json("{'action': 'deploy'}")).action())
                .isEqualTo("deploy");
        assertThat(Event.fromPayload("merge_group", json("""
                {'action': 'checks_requested', 'merge_group': {'base_ref': 'refs/heads/main'}}""")).baseRef())
                .isEqualTo("main");
        assertThat(Event.fromPayload("schedule", json("{'schedule': '0 0 * * *'}")).schedule())
                .isEqualTo("0 0 * * *");
        assertThat(Event.fromPayload("push", null)).isEqualTo(Event.named("push"));
    }
}
