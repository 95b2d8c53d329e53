package dev.hearth.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggeredWorkflowsTest {

    static final String SRC_ONLY = """
            on:
              push:
                branches: [main]
                paths: ['src/**']
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo build
            """;
    static final String DOCS_ONLY = """
            on:
              push:
                paths: ['docs/**']
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - run: echo docs
            """;
    static final String RELEASE = """
            on:
              push:
                tags: ['v*']
            jobs:
              release:
                runs-on: ubuntu-latest
                steps:
                  - run: echo release
            """;
    static final String PR_OPENED = """
            on:
              pull_request:
                types: [opened]
            jobs:
              greet:
                runs-on: ubuntu-latest
                steps:
                  - run: echo hi
            """;
    static final String PR_DEFAULT = """
            on:
              pull_request:
                branches: [main]
                paths: ['src/**']
            jobs:
              test:
                runs-on: ubuntu-latest
                steps:
                  - run: echo test
            """;
    static final String DISPATCH = """
            on: workflow_dispatch
            jobs:
              manual:
                runs-on: ubuntu-latest
                steps:
                  - run: echo manual
            """;

    @TempDir
    Path dir;
    Origin origin;
    TriggeredWorkflows triggered;

    @BeforeEach
    void setUp() throws Exception {
        origin = new Origin(dir, true);
        triggered = new TriggeredWorkflows(new RepositoryCache(dir.resolve("cache"), true, TokenSource.NONE),
                ReadOptions.defaults());
    }

    @AfterEach
    void tearDown() {
        origin.close();
    }

    private static List<String> toRun(Triggered t) {
        return t.workflows().stream().filter(w -> w instanceof TriggeredWorkflow.ToRun).map(TriggeredWorkflow::path).toList();
    }

    private RevCommit base() throws Exception {
        RevCommit c = origin.commit("workflows", Map.of(
                ".github/workflows/src.yml", SRC_ONLY,
                ".github/workflows/docs.yaml", DOCS_ONLY,
                ".github/workflows/release.yml", RELEASE,
                ".github/workflows/pr-opened.yml", PR_OPENED,
                ".github/workflows/pr.yml", PR_DEFAULT,
                ".github/workflows/manual.yml", DISPATCH,
                ".github/workflows/notes.txt", "not a workflow",
                "src/a.txt", "a", "docs/readme.md", "doc"));
        origin.push("main", "refs/heads/main");
        return c;
    }

    @Test
    void pushToMainRunsTheWorkflowsWhosePathsWereChanged() throws Exception {
        RevCommit first = base();
        RevCommit second = origin.commit("change src", Map.of("src/a.txt", "a2", "src/b.txt", "b"));
        origin.push("main", "refs/heads/main");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", first.name(), second.name(), List.of(second))));

        assertThat(toRun(t)).containsExactly(".github/workflows/src.yml");
        assertThat(t.commit()).isEqualTo(new CommitToRun(second.name(), "refs/heads/main", null));
        assertThat(t.workflows().get(0).reason()).contains("on.push", "paths [src/**]", "refs/heads/main");
        assertThat(t.skipped()).anySatisfy(s -> assertThat(s).startsWith(".github/workflows/docs.yaml: no changed file matches"));
        assertThat(t.skipped()).noneMatch(s -> s.contains("notes.txt"));
    }

    @Test
    void pushThatChangesOnlyDocsMissesTheSrcFilter() throws Exception {
        RevCommit first = base();
        RevCommit second = origin.commit("docs", Map.of("docs/readme.md", "doc2"));
        origin.push("main", "refs/heads/main");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", first.name(), second.name(), List.of(second))));

        assertThat(toRun(t)).containsExactly(".github/workflows/docs.yaml");
        assertThat(t.skipped()).anySatisfy(s -> assertThat(s).startsWith(".github/workflows/src.yml: no changed file matches"));
    }

    @Test
    void aForcePushComparesTheTwoTreesDirectly() throws Exception {
        RevCommit first = base();
        RevCommit gone = origin.commit("docs", Map.of("docs/readme.md", "doc2"));
        origin.push("main", "refs/heads/main");
        origin.work.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(first.name()).call();
        RevCommit replacement = origin.commit("src instead", Map.of("src/a.txt", "a3"));
        origin.push("main", "refs/heads/main");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", gone.name(), replacement.name(), List.of(replacement))));

        // docs/readme.md differs between the two trees (the replaced commit changed it), and so does src/a.txt.
        assertThat(toRun(t)).containsExactlyInAnyOrder(".github/workflows/src.yml", ".github/workflows/docs.yaml");
    }

    @Test
    void aTagPushRunsTagFiltersOnlyAndSkipsBranchFilters() throws Exception {
        RevCommit first = base();
        origin.tag("v1.0", first);
        origin.push("refs/tags/v1.0", "refs/tags/v1.0");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/tags/v1.0", null, first.name(), List.of())));

        // docs.yaml has only a paths filter: paths are not evaluated for tags, so it runs, as on GitHub.
        assertThat(toRun(t)).containsExactlyInAnyOrder(".github/workflows/release.yml", ".github/workflows/docs.yaml");
        assertThat(t.skipped()).anySatisfy(s -> assertThat(s).contains("src.yml", "a tag push ('v1.0')"));
    }

    @Test
    void aNewBranchIsComparedWithTheParentOfItsDeepestPushedCommitAndBranchFiltersApply() throws Exception {
        base();
        origin.checkoutNew("feature");
        RevCommit one = origin.commit("docs on feature", Map.of("docs/new.md", "n"));
        RevCommit two = origin.commit("more", Map.of("README", "r"));
        origin.push("feature", "refs/heads/feature");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/feature", null, two.name(), List.of(one, two))));

        assertThat(toRun(t)).containsExactly(".github/workflows/docs.yaml");
        assertThat(t.skipped()).anySatisfy(s -> assertThat(s).contains("src.yml", "branch 'feature' does not pass branches [main]"));
    }

    @Test
    void pullRequestTypesAndBaseBranchAndPathsDecideAndTheMergeCommitIsRun() throws Exception {
        RevCommit main = base();
        origin.checkoutNew("topic");
        RevCommit head = origin.commit("src change", Map.of("src/c.txt", "c"));
        origin.push("topic", "refs/pull/7/head");
        ObjectId merge = origin.mergeCommit(main, head, "refs/pull/7/merge");

        Triggered opened = triggered.evaluate("pull_request", Origin.bytes(
                origin.pullRequestPayload("opened", 7, main, "main", head, "topic", merge)));
        assertThat(toRun(opened)).containsExactlyInAnyOrder(".github/workflows/pr-opened.yml", ".github/workflows/pr.yml");
        assertThat(opened.commit()).isEqualTo(new CommitToRun(merge.name(), "refs/pull/7/merge", null));
        assertThat(opened.facts().pullRequest().fromFork()).isFalse();

        RevCommit head2 = origin.commit("docs only", Map.of("docs/x.md", "x"));
        origin.push("topic", "refs/pull/7/head");
        ObjectId merge2 = origin.mergeCommit(main, head2, "refs/pull/7/merge");
        Triggered sync = triggered.evaluate("pull_request", Origin.bytes(
                origin.pullRequestPayload("synchronize", 7, main, "main", head2, "topic", merge2)));
        // synchronize is a default type, not 'opened'; src/c.txt is still in the three-dot diff.
        assertThat(toRun(sync)).containsExactly(".github/workflows/pr.yml");
        assertThat(sync.skipped()).anySatisfy(s -> assertThat(s).contains("pr-opened.yml", "activity type 'synchronize' is not one of [opened]"));
        assertThat(sync.commit().sha()).isEqualTo(merge2.name());

        Triggered otherBase = triggered.evaluate("pull_request", Origin.bytes(
                origin.pullRequestPayload("opened", 7, main, "release", head2, "topic", merge2)));
        assertThat(toRun(otherBase)).containsExactly(".github/workflows/pr-opened.yml");
    }

    @Test
    void aPullRequestWhoseMergeCommitCannotBeFetchedRunsItsHeadWithANote() throws Exception {
        RevCommit main = base();
        origin.checkoutNew("topic");
        RevCommit head = origin.commit("src change", Map.of("src/c.txt", "c"));
        origin.push("topic", "refs/pull/8/head");

        Triggered t = triggered.evaluate("pull_request", Origin.bytes(
                origin.pullRequestPayload("reopened", 8, main, "main", head, "topic", null)));

        assertThat(t.commit().sha()).isEqualTo(head.name());
        assertThat(t.commit().ref()).isEqualTo("refs/pull/8/head");
        assertThat(t.commit().note()).contains("refs/pull/8/merge", "running the head commit");
        assertThat(toRun(t)).containsExactly(".github/workflows/pr.yml");
    }

    @Test
    void workflowDispatchRunsOnlyTheNamedWorkflowAtTheRef() throws Exception {
        RevCommit main = base();
        var payload = Origin.JSON.createObjectNode();
        payload.put("ref", "refs/heads/main");
        payload.put("workflow", ".github/workflows/manual.yml");
        payload.putObject("inputs");
        payload.set("repository", origin.repository());

        Triggered t = triggered.evaluate("workflow_dispatch", Origin.bytes(payload));

        assertThat(toRun(t)).containsExactly(".github/workflows/manual.yml");
        assertThat(t.commit().sha()).isEqualTo(main.name());

        payload.put("workflow", ".github/workflows/src.yml");
        Triggered notDispatchable = triggered.evaluate("workflow_dispatch", Origin.bytes(payload));
        assertThat(notDispatchable.workflows()).isEmpty();
        assertThat(notDispatchable.skipped()).anySatisfy(s -> assertThat(s).contains("src.yml", "does not run on 'workflow_dispatch'"));
    }

    @Test
    void anInvalidWorkflowIsKeptWithItsProblemsAsErrored() throws Exception {
        RevCommit c = origin.commit("bad", Map.of(
                ".github/workflows/bad.yml", """
                        on: push
                        jobs:
                          build:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo ${{ nope( }}
                        """,
                ".github/workflows/broken.yml", "on: push\njobs: [\n",
                ".github/workflows/good.yml", DISPATCH.replace("workflow_dispatch", "push")));
        origin.push("main", "refs/heads/main");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", null, c.name(), List.of(c))));

        assertThat(toRun(t)).containsExactly(".github/workflows/good.yml");
        List<TriggeredWorkflow.Errored> errored = t.workflows().stream()
                .filter(w -> w instanceof TriggeredWorkflow.Errored).map(w -> (TriggeredWorkflow.Errored) w).toList();
        assertThat(errored).extracting(TriggeredWorkflow::path)
                .containsExactly(".github/workflows/bad.yml", ".github/workflows/broken.yml");
        assertThat(errored).allSatisfy(e -> assertThat(e.problems()).isNotEmpty());
        assertThat(errored.get(0).problems().get(0).file()).isEqualTo(".github/workflows/bad.yml");
    }

    @Test
    void aLocalReusableWorkflowIsReadFromTheSameCommit() throws Exception {
        String caller = """
                on: push
                jobs:
                  call:
                    uses: ./.github/workflows/reusable.yml
                    with:
                      who: world
                """;
        String callee = """
                on:
                  workflow_call:
                    inputs:
                      who:
                        type: string
                        required: true
                jobs:
                  hello:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo hello ${{ inputs.who }}
                """;
        RevCommit c = origin.commit("reusable", Map.of(".github/workflows/caller.yml", caller,
                ".github/workflows/reusable.yml", callee));
        origin.push("main", "refs/heads/main");

        Triggered t = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", null, c.name(), List.of(c))));

        assertThat(toRun(t)).containsExactly(".github/workflows/caller.yml");
        var run = (TriggeredWorkflow.ToRun) t.workflows().get(0);
        var job = (ReusableWorkflowJob) run.workflow().jobs().get(0);
        assertThat(job.called()).isNotNull();
        assertThat(job.called().jobs()).extracting(j -> j.id()).containsExactly("hello");

        // The next commit drops the callee: the caller becomes errored, read from that commit, not from disk.
        RevCommit d = origin.commit("drop", java.util.Collections.singletonMap(".github/workflows/reusable.yml", null));
        origin.push("main", "refs/heads/main");
        Triggered after = triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/main", c.name(), d.name(), List.of(d))));
        assertThat(after.workflows()).singleElement().isInstanceOf(TriggeredWorkflow.Errored.class);
        assertThat(((TriggeredWorkflow.Errored) after.workflows().get(0)).problems())
                .anySatisfy(p -> assertThat(p.message()).contains("Unable to find reusable workflow"));
    }

    @Test
    void aDeletedBranchTriggersNothingAndFetchesNothing() throws Exception {
        RevCommit c = base();
        var payload = origin.pushPayload("refs/heads/gone", c.name(), EventFacts.ZERO_SHA, List.of());
        payload.put("deleted", true);
        Triggered t = triggered.evaluate("push", Origin.bytes(payload));
        assertThat(t.workflows()).isEmpty();
        assertThat(t.commit()).isNull();
        assertThat(dir.resolve("cache")).doesNotExist();
    }

    @Test
    void aCommitMissingFromTheServerIsAnError() throws Exception {
        RevCommit c = base();
        String missing = "1234567890123456789012345678901234567890";
        assertThatThrownBy(() -> triggered.evaluate("push", Origin.bytes(
                origin.pushPayload("refs/heads/nope", c.name(), missing, List.of()))))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining(missing);
    }
}
