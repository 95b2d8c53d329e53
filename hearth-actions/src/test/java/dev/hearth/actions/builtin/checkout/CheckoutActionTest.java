package dev.hearth.actions.builtin.checkout;

import static dev.hearth.actions.builtin.checkout.GitRepos.commit;
import static dev.hearth.actions.builtin.checkout.GitRepos.git;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.actions.builtin.BuiltinContext.EventSource;
import dev.hearth.actions.builtin.BuiltinFixture;
import dev.hearth.actions.builtin.BuiltinResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code actions/checkout} against real repositories made with git, into a real host sandbox; the
 * results are inspected with git inside the sandbox.
 */
class CheckoutActionTest {
    private static final String TOKEN = "tok-secret-1234567";

    @TempDir
    Path temp;

    BuiltinFixture fx;
    Path origin;
    Path source;
    String c1;
    String c2;
    String c3;
    String featureTip;

    @BeforeEach
    void setUp() throws Exception {
        origin = temp.resolve("server");
        source = GitRepos.init(origin.resolve("octo/repo"));
        c1 = commit(source, "README.md", "one\n", "first");
        commit(source, "src/app.txt", "app\n", "app");
        c1 = git(source, "rev-parse", "HEAD");
        git(source, "tag", "-a", "v1", "-m", "version 1");
        c2 = commit(source, "README.md", "two\n", "second");
        git(source, "checkout", "-q", "-b", "feature");
        featureTip = commit(source, "feature.txt", "feature\n", "feature work");
        git(source, "checkout", "-q", "main");
        c3 = commit(source, "README.md", "three\n", "third");

        fx = BuiltinFixture.create(temp, "checkout");
        // The event is for c2, which main has moved past since: the commit must be fetched by its id.
        fx.event = new EventSource("octo/repo", c2, "refs/heads/main", source, TOKEN, origin.toUri().toString());
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    private BuiltinResult checkout(Map<String, String> with) throws Exception {
        CheckoutAction action = new CheckoutAction();
        return action.main(fx.context(action, with));
    }

    private String originUrl(String repository) {
        return fx.event.serverUrl().replaceAll("/+$", "") + "/" + repository;
    }

    @Test
    void checksOutTheEventsCommitOnItsBranchWithOneCommitOfHistory() throws Exception {
        BuiltinResult result = checkout(Map.of());

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("ref", "refs/heads/main").containsEntry("commit", c2);
        assertThat(fx.read("README.md")).isEqualTo("two\n");
        assertThat(fx.sh("git log --format=%H").strip()).isEqualTo(c2);
        assertThat(fx.sh("git rev-parse --is-shallow-repository").strip()).isEqualTo("true");
        assertThat(fx.sh("git rev-parse --abbrev-ref HEAD").strip()).isEqualTo("main");
        assertThat(fx.sh("git rev-parse --abbrev-ref main@{upstream}").strip()).isEqualTo("origin/main");
        assertThat(fx.sh("git rev-parse origin/main").strip()).isEqualTo(c2);
        assertThat(fx.sh("git status --porcelain")).isEmpty();
        assertThat(fx.sh("git remote get-url origin").strip()).isEqualTo(originUrl("octo/repo"));
        assertThat(fx.sh("git tag")).isEmpty();
    }

    @Test
    void neverWritesTheTokenIntoTheWorkspace() throws Exception {
        BuiltinResult result = checkout(Map.of("token", TOKEN, "persist-credentials", "true"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.run("grep -rl -- '" + TOKEN + "' .").stdout()).isEmpty();
        assertThat(fx.sh("git config --list --local")).doesNotContain(TOKEN).doesNotContain("extraheader");
    }

    @Test
    void fetchDepthZeroFetchesAllHistoryBranchesAndTags() throws Exception {
        BuiltinResult result = checkout(Map.of("fetch-depth", "0"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.sh("git rev-parse --is-shallow-repository").strip()).isEqualTo("false");
        assertThat(fx.sh("git log --format=%H").strip().lines().toList()).hasSize(3).startsWith(c2);
        assertThat(fx.sh("git branch -r --format='%(refname:short)'").lines().toList())
                .contains("origin/main", "origin/feature");
        assertThat(fx.sh("git rev-parse origin/feature").strip()).isEqualTo(featureTip);
        assertThat(fx.sh("git tag").strip()).isEqualTo("v1");
        assertThat(fx.sh("git rev-parse --abbrev-ref HEAD").strip()).isEqualTo("main");
        assertThat(fx.sh("git rev-parse HEAD").strip()).isEqualTo(c2);
    }

    @Test
    void fetchDepthTwoKeepsTwoCommits() throws Exception {
        BuiltinResult result = checkout(Map.of("fetch-depth", "2"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.sh("git log --format=%H").strip().lines().toList()).containsExactly(c2, c1);
    }

    @Test
    void checksOutIntoAPathUnderTheWorkspace() throws Exception {
        fx.write("keep.txt", "mine");

        BuiltinResult result = checkout(Map.of("path", "nested/repo"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.read("nested/repo/README.md")).isEqualTo("two\n");
        assertThat(fx.read("keep.txt")).isEqualTo("mine");
        assertThat(fx.sh("git -C nested/repo rev-parse HEAD").strip()).isEqualTo(c2);
        assertThat(fx.exists(".git")).isFalse();
    }

    @Test
    void refusesAPathOutsideTheWorkspace() throws Exception {
        BuiltinResult result = checkout(Map.of("path", "../elsewhere"));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("is not under");
    }

    @Test
    void refusesARepositoryThatIsNotOwnerSlashName() throws Exception {
        for (String bad : List.of("../escape", "octo", "octo/repo/extra", "a b/c")) {
            BuiltinResult result = checkout(Map.of("repository", bad));
            assertThat(result.failed()).as(bad).isTrue();
            assertThat(result.message()).isEqualTo("Invalid repository '" + bad + "'. Expected format {owner}/{repo}.");
        }
    }

    @Test
    void aBranchRefChecksOutItsTipOnALocalBranch() throws Exception {
        BuiltinResult result = checkout(Map.of("ref", "feature"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("ref", "feature").containsEntry("commit", featureTip);
        assertThat(fx.sh("git rev-parse --abbrev-ref HEAD").strip()).isEqualTo("feature");
        assertThat(fx.read("feature.txt")).isEqualTo("feature\n");
    }

    @Test
    void aTagRefLeavesHeadDetachedAtTheTaggedCommit() throws Exception {
        BuiltinResult result = checkout(Map.of("ref", "v1"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("commit", c1);
        assertThat(fx.sh("git rev-parse HEAD").strip()).isEqualTo(c1);
        assertThat(fx.sh("git rev-parse --abbrev-ref HEAD").strip()).isEqualTo("HEAD");
        assertThat(fx.sh("git describe --tags").strip()).isEqualTo("v1");
        assertThat(fx.sh("git cat-file -t v1").strip()).isEqualTo("tag");
    }

    @Test
    void aShaRefLeavesHeadDetachedThere() throws Exception {
        BuiltinResult result = checkout(Map.of("ref", c1));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("ref", "").containsEntry("commit", c1);
        assertThat(fx.sh("git rev-parse --abbrev-ref HEAD").strip()).isEqualTo("HEAD");
        assertThat(fx.read("README.md")).isEqualTo("one\n");
    }

    @Test
    void anUnknownRefFailsTheStep() throws Exception {
        BuiltinResult result = checkout(Map.of("ref", "no-such-branch"));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).isEqualTo("A branch or tag with the name 'no-such-branch' could not be found");
    }

    @Test
    void cleanEmptiesTheFolderAndCleanFalseKeepsUntrackedFiles() throws Exception {
        assertThat(checkout(Map.of()).failed()).isFalse();
        fx.write("untracked.txt", "left over");
        fx.write("README.md", "edited");

        BuiltinResult kept = checkout(Map.of("clean", "false", "ref", "feature"));

        assertThat(kept.failed()).as(kept.message()).isFalse();
        assertThat(fx.read("untracked.txt")).isEqualTo("left over");
        assertThat(fx.read("README.md")).isEqualTo("two\n");
        assertThat(fx.sh("git rev-parse HEAD").strip()).isEqualTo(featureTip);
        assertThat(fx.sh("git status --porcelain").strip()).isEqualTo("?? untracked.txt");

        BuiltinResult cleaned = checkout(Map.of("clean", "true"));

        assertThat(cleaned.failed()).as(cleaned.message()).isFalse();
        assertThat(fx.exists("untracked.txt")).isFalse();
        assertThat(fx.exists("feature.txt")).isFalse();
        assertThat(fx.sh("git status --porcelain")).isEmpty();
        assertThat(fx.sh("git rev-parse HEAD").strip()).isEqualTo(c2);
    }

    @Test
    void cleanFalseStillEmptiesAFolderHoldingSomethingElse() throws Exception {
        fx.write("stray.txt", "not a repository");

        BuiltinResult result = checkout(Map.of("clean", "false"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.exists("stray.txt")).isFalse();
    }

    @Test
    void anotherRepositoryComesFromTheServerUrlAtItsDefaultBranch() throws Exception {
        Path other = GitRepos.init(origin.resolve("octo/tools"));
        git(other, "checkout", "-q", "-b", "trunk");
        String tip = commit(other, "tool.sh", "echo tool\n", "tool");

        BuiltinResult result = checkout(Map.of("repository", "octo/tools", "path", "tools"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("ref", "refs/heads/trunk").containsEntry("commit", tip);
        assertThat(fx.read("tools/tool.sh")).isEqualTo("echo tool\n");
        assertThat(fx.sh("git -C tools rev-parse --abbrev-ref HEAD").strip()).isEqualTo("trunk");
        assertThat(fx.sh("git -C tools remote get-url origin").strip()).isEqualTo(originUrl("octo/tools"));
    }

    @Test
    void checksOutSubmodules() throws Exception {
        Path lib = GitRepos.init(origin.resolve("octo/lib"));
        String libCommit = commit(lib, "lib.txt", "library\n", "lib");
        git(source, "submodule", "add", "-q", "../lib", "vendor/lib");
        git(source, "commit", "-q", "-m", "add lib");
        String withSubmodule = git(source, "rev-parse", "HEAD");
        fx.event = new EventSource("octo/repo", withSubmodule, "refs/heads/main", source, TOKEN,
                origin.toUri().toString());

        BuiltinResult result = checkout(Map.of("submodules", "true"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.read("vendor/lib/lib.txt")).isEqualTo("library\n");
        assertThat(fx.sh("git submodule status")).startsWith(" " + libCommit + " vendor/lib");
        assertThat(fx.sh("git status --porcelain")).isEmpty();
    }

    @Test
    void sparseCheckoutKeepsOnlyTheNamedFolders() throws Exception {
        BuiltinResult result = checkout(Map.of("sparse-checkout", "src"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(fx.read("src/app.txt")).isEqualTo("app\n");
        assertThat(fx.exists("README.md")).isTrue(); // cone mode keeps the files at the top
        assertThat(fx.sh("git sparse-checkout list").strip()).isEqualTo("src");
        assertThat(fx.sh("git status --porcelain")).isEmpty();
    }

    @Test
    void lfsIsReportedAsUnsupported() throws Exception {
        BuiltinResult result = checkout(Map.of("lfs", "true"));

        assertThat(result.failed()).isFalse();
        assertThat(fx.warnings).anyMatch(w -> w.contains("LFS"));
    }

    @Test
    void theDefaultsAreTheRealActions() {
        Map<String, String> defaults = new CheckoutAction().inputDefaults();
        assertThat(defaults).containsEntry("fetch-depth", "1").containsEntry("clean", "true")
                .containsEntry("persist-credentials", "true").containsEntry("repository", "${{ github.repository }}")
                .containsEntry("token", "${{ github.token }}").containsEntry("submodules", "false");
        assertThat(new CheckoutAction().names()).isEqualTo(List.of("actions/checkout"));
    }
}
