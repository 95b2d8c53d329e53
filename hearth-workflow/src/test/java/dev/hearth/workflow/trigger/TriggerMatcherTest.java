package dev.hearth.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TriggerMatcherTest {

    private static PatternFilter only(String... patterns) {
        return new PatternFilter(List.of(patterns), false);
    }

    private static PatternFilter ignore(String... patterns) {
        return new PatternFilter(List.of(patterns), true);
    }

    private static EventTrigger push(PatternFilter branches, PatternFilter tags, PatternFilter paths) {
        return new EventTrigger("push", List.of(), branches, tags, paths, List.of(), List.of());
    }

    private static TriggerResult match(EventTrigger t, Event e) {
        return TriggerMatcher.match(List.of(t), e);
    }

    @Test
    void eventNamesMatchExactly() {
        TriggerResult r = TriggerMatcher.match(List.of(EventTrigger.of("push"), EventTrigger.of("pull_request")),
                Event.named("Push"));
        assertThat(r.triggered()).isFalse();
        assertThat(r.trigger()).isNull();
        assertThat(r.reason()).contains("'Push'").contains("push, pull_request");
        assertThat(TriggerMatcher.match(List.of(EventTrigger.of("push")), Event.push("refs/heads/x", null))
                .triggered()).isTrue();
    }

    @Test
    void branchFiltersOnlyBlockTagPushes() {
        EventTrigger t = push(only("main", "releases/**"), null, null);
        assertThat(match(t, Event.push("refs/heads/main", null)).triggered()).isTrue();
        assertThat(match(t, Event.push("refs/heads/releases/v1/x", null)).triggered()).isTrue();
        TriggerResult dev = match(t, Event.push("refs/heads/dev", null));
        assertThat(dev.triggered()).isFalse();
        assertThat(dev.reason()).contains("branch 'dev'").contains("[main, releases/**]");
        TriggerResult tag = match(t, Event.push("refs/tags/v1", null));
        assertThat(tag.triggered()).isFalse();
        assertThat(tag.reason()).contains("filters only branches");
    }

    @Test
    void tagFiltersOnlyBlockBranchPushes() {
        EventTrigger t = push(null, only("v*"), null);
        assertThat(match(t, Event.push("refs/tags/v1.2", null)).triggered()).isTrue();
        assertThat(match(t, Event.push("refs/tags/x1", null)).triggered()).isFalse();
        assertThat(match(t, Event.push("refs/heads/main", null)).reason()).contains("filters only tags");
    }

    @Test
    void bothAndNeither() {
        EventTrigger both = push(only("main"), ignore("*-rc"), null);
        assertThat(match(both, Event.push("refs/heads/main", null)).triggered()).isTrue();
        assertThat(match(both, Event.push("refs/tags/v1", null)).triggered()).isTrue();
        assertThat(match(both, Event.push("refs/tags/v1-rc", null)).triggered()).isFalse();
        assertThat(match(both, Event.push("refs/heads/dev", null)).triggered()).isFalse();

        EventTrigger neither = EventTrigger.of("push");
        assertThat(match(neither, Event.push("refs/heads/any", List.of())).triggered()).isTrue();
        assertThat(match(neither, Event.push("refs/tags/any", null)).triggered()).isTrue();
    }

    @Test
    void branchesIgnore() {
        EventTrigger t = push(ignore("mona/octocat", "releases/**-alpha"), null, null);
        assertThat(match(t, Event.push("refs/heads/main", null)).triggered()).isTrue();
        assertThat(match(t, Event.push("refs/heads/releases/beta/3-alpha", null)).triggered()).isFalse();
        assertThat(match(t, Event.push("refs/heads/mona/octocat", null)).reason()).contains("branches-ignore");
        // only branches-ignore given: a tag push does not run
        assertThat(match(t, Event.push("refs/tags/v1", null)).triggered()).isFalse();
    }

    @Test
    void pathsMustHoldToo() {
        EventTrigger t = push(only("main"), null, only("**.js"));
        assertThat(match(t, Event.push("refs/heads/main", List.of("README.md", "src/app.js"))).triggered()).isTrue();
        TriggerResult none = match(t, Event.push("refs/heads/main", List.of("README.md")));
        assertThat(none.triggered()).isFalse();
        assertThat(none.reason()).contains("no changed file matches paths [**.js]");
        assertThat(match(t, Event.push("refs/heads/dev", List.of("a.js"))).triggered()).isFalse();
        // unknown files do not block, but are reported
        TriggerResult unknown = match(t, Event.push("refs/heads/main", null));
        assertThat(unknown.triggered()).isTrue();
        assertThat(unknown.unchecked()).singleElement().asString().contains("unknown");
        assertThat(match(t, Event.push("refs/heads/main", List.of())).triggered()).isFalse();
    }

    @Test
    void pathsAreNotEvaluatedForTagPushes() {
        EventTrigger t = push(null, null, only("src/**"));
        assertThat(match(t, Event.push("refs/tags/v1", List.of("README.md"))).triggered()).isTrue();
        assertThat(match(t, Event.push("refs/heads/main", List.of("README.md"))).triggered()).isFalse();
    }

    @Test
    void pathsIgnore() {
        EventTrigger t = push(null, null, ignore("docs/**", "*.md"));
        assertThat(match(t, Event.push("refs/heads/main", List.of("docs/a.md", "README.md"))).reason())
                .contains("every changed file is ignored by paths-ignore");
        assertThat(match(t, Event.push("refs/heads/main", List.of("docs/a.md", "src/Main.java"))).triggered())
                .isTrue();
    }

    @Test
    void pathsWithNegation() {
        EventTrigger t = push(null, null, only("sub-project/**", "!sub-project/docs/**"));
        assertThat(match(t, Event.push("refs/heads/main", List.of("sub-project/docs/x.md"))).triggered()).isFalse();
        assertThat(match(t, Event.push("refs/heads/main", List.of("sub-project/docs/x.md", "sub-project/a.c")))
                .triggered()).isTrue();
    }

    @Test
    void pullRequestDefaultsAndBaseBranch() {
        EventTrigger t = new EventTrigger("pull_request", List.of(), only("main"), null, null, List.of(), List.of());
        assertThat(match(t, Event.pullRequest("opened", "main", null)).triggered()).isTrue();
        assertThat(match(t, Event.pullRequest("synchronize", "main", null)).triggered()).isTrue();
        assertThat(match(t, Event.pullRequest("reopened", "main", null)).triggered()).isTrue();
        TriggerResult closed = match(t, Event.pullRequest("closed", "main", null));
        assertThat(closed.triggered()).isFalse();
        assertThat(closed.reason()).contains("'closed'").contains("default for pull_request");
        TriggerResult other = match(t, Event.pullRequest("opened", "dev", null));
        assertThat(other.reason()).contains("base branch 'dev'");
        // no action known: the types filter does not block
        assertThat(match(t, Event.named("pull_request")).triggered()).isTrue();
    }

    @Test
    void explicitTypes() {
        EventTrigger t = new EventTrigger("pull_request", List.of("closed", "labeled"), null, null, null,
                List.of(), List.of());
        assertThat(match(t, Event.pullRequest("closed", "main", null)).triggered()).isTrue();
        assertThat(match(t, Event.pullRequest("opened", "main", null)).triggered()).isFalse();
        EventTrigger issues = new EventTrigger("issues", List.of("opened"), null, null, null, List.of(), List.of());
        assertThat(match(issues, Event.named("issues").withAction("opened")).triggered()).isTrue();
        assertThat(match(issues, Event.named("issues").withAction("closed")).triggered()).isFalse();
        // other events default to all their activity types
        assertThat(match(EventTrigger.of("issues"), Event.named("issues").withAction("deleted")).triggered()).isTrue();
    }

    @Test
    void pullRequestTargetUsesDefaultsToo() {
        EventTrigger t = EventTrigger.of("pull_request_target");
        Event e = new Event("pull_request_target", "edited", null, "main", "x", null, null, null);
        assertThat(match(t, e).triggered()).isFalse();
        assertThat(match(t, e.withAction("opened")).triggered()).isTrue();
    }

    @Test
    void workflowRun() {
        EventTrigger t = new EventTrigger("workflow_run", List.of("completed"), only("main"), null, null,
                List.of(), List.of("Build"));
        Event ok = new Event("workflow_run", "completed", null, null, "main", "Build", null, null);
        assertThat(match(t, ok).triggered()).isTrue();
        assertThat(match(t, ok.withAction("requested")).triggered()).isFalse();
        Event otherWorkflow = new Event("workflow_run", "completed", null, null, "main", "Lint", null, null);
        assertThat(match(t, otherWorkflow).reason()).contains("workflow 'Lint'");
        Event otherBranch = new Event("workflow_run", "completed", null, null, "dev", "Build", null, null);
        assertThat(match(t, otherBranch).reason()).contains("head branch 'dev'");
    }

    @Test
    void scheduleAndDispatch() {
        EventTrigger s = new EventTrigger("schedule", List.of(), null, null, null, List.of("0 0 * * *"), List.of());
        assertThat(match(s, Event.named("schedule")).triggered()).isTrue();
        assertThat(match(s, new Event("schedule", null, null, null, null, null, "0 0 * * *", null)).triggered())
                .isTrue();
        assertThat(match(s, new Event("schedule", null, null, null, null, null, "5 0 * * *", null)).triggered())
                .isFalse();
        assertThat(match(EventTrigger.of("workflow_dispatch"),
                new Event("workflow_dispatch", null, "refs/heads/x", null, null, null, null, null)).triggered())
                .isTrue();
        EventTrigger rd = new EventTrigger("repository_dispatch", List.of("deploy"), null, null, null, List.of(),
                List.of());
        assertThat(match(rd, Event.named("repository_dispatch").withAction("deploy")).triggered()).isTrue();
        assertThat(match(rd, Event.named("repository_dispatch").withAction("test")).triggered()).isFalse();
    }

    @Test
    void noRefMeansFiltersAreUnchecked() {
        TriggerResult r = match(push(only("main"), null, null), Event.named("push"));
        assertThat(r.triggered()).isTrue();
        assertThat(r.unchecked()).hasSize(1);
    }

    @Test
    void firstAcceptingTriggerWins() {
        TriggerMatcher m = new TriggerMatcher(List.of(EventTrigger.of("workflow_dispatch"),
                push(only("main"), null, null)));
        assertThat(m.match(Event.push("refs/heads/main", null)).trigger().event()).isEqualTo("push");
        assertThat(m.match(Event.push("refs/heads/dev", null)).trigger().event()).isEqualTo("push");
    }
}
