package dev.hearth.actions.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionException.Kind;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.actions.ResolvedAction.Source;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.reusable.RemoteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resolver against real git repositories served by {@code file://} base URLs. */
class DefaultActionResolverTest {

    @TempDir
    Path tmp;

    GitRepos host;
    Path cache;
    Path workspace;
    RevCommit first;
    RevCommit second;

    @BeforeEach
    void repositories() throws Exception {
        host = new GitRepos(tmp.resolve("host"));
        cache = tmp.resolve("cache");
        workspace = Files.createDirectories(tmp.resolve("work"));
        try (GitRepos.Repo r = host.create("acme", "say")) {
            first = r.commit("one", Map.of("action.yml", GitRepos.composite("one"), "bin/run.sh*", "#!/bin/sh\necho hi\n"));
            r.tag("v1", false);
            second = r.commit("two", Map.of("action.yml", GitRepos.composite("two"),
                    "sub/action.yml", "runs:\n  using: node20\n  main: index.js\n"));
            r.tag("v2", true);
        }
    }

    private DefaultActionResolver resolver() {
        return resolver(host.baseUrl(), null, false);
    }

    private DefaultActionResolver resolver(String baseUrl, Path mirror, boolean offline) {
        return new DefaultActionResolver(new ActionSources(baseUrl, cache, mirror, offline, null));
    }

    private static String echo(ResolvedAction a) {
        return ((RunStep) ((ActionManifest.Composite) a.manifest().runs()).steps().getFirst()).run();
    }

    private static ActionException failure(DefaultActionResolver resolver, String uses, Path workspace) {
        try {
            resolver.resolve(uses, workspace);
        } catch (ActionException e) {
            return e;
        }
        throw new AssertionError(uses + " resolved");
    }

    private List<String> leftovers() throws Exception {
        try (Stream<Path> s = Files.walk(cache)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList();
        }
    }

    @Test
    void branchIsFetchedOnceThenTakenFromTheCache() throws Exception {
        DefaultActionResolver resolver = resolver();
        ResolvedAction a = resolver.resolve("acme/say@main", workspace);
        assertThat(a.source()).isEqualTo(Source.FETCHED);
        assertThat(a.sha()).isEqualTo(second.name());
        assertThat(a.directory()).isEqualTo(cache.resolve("acme/say").resolve(second.name()));
        assertThat(echo(a)).isEqualTo("echo two");
        assertThat(a.manifest().inputs().get("who").defaultValue()).isEqualTo("world");
        assertThat(resolver.resolve("acme/say@main", workspace).source()).isEqualTo(Source.CACHE);
        // A new run asks the remote again (the branch may have moved) and finds the commit cached.
        ResolvedAction again = resolver().resolve("acme/say@main", workspace);
        assertThat(again.source()).isEqualTo(Source.CACHE);
        assertThat(again.sha()).isEqualTo(second.name());
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void lightweightAndAnnotatedTagsGiveTheirCommit() throws Exception {
        ResolvedAction v1 = resolver().resolve("acme/say@v1", workspace);
        assertThat(v1.sha()).isEqualTo(first.name());
        assertThat(echo(v1)).isEqualTo("echo one");
        assertThat(Files.isExecutable(v1.directory().resolve("bin/run.sh"))).isTrue();
        assertThat(Files.readString(v1.directory().resolve("bin/run.sh"))).isEqualTo("#!/bin/sh\necho hi\n");
        ResolvedAction v2 = resolver().resolve("acme/say@v2", workspace);
        assertThat(v2.sha()).isEqualTo(second.name());
    }

    @Test
    void aTagWinsOverABranchOfTheSameName() throws Exception {
        try (GitRepos.Repo r = new GitRepos.Repo(org.eclipse.jgit.api.Git.open(tmp.resolve("host/acme/say").toFile()),
                tmp.resolve("host/acme/say"))) {
            r.branch("v1"); // at the second commit; the tag v1 is at the first
        }
        assertThat(resolver().resolve("acme/say@v1", workspace).sha()).isEqualTo(first.name());
    }

    @Test
    void aFullShaIsFetchedEvenWhenNoBranchPointsAtIt() throws Exception {
        ResolvedAction a = resolver().resolve("acme/say@" + first.name(), workspace);
        assertThat(a.source()).isEqualTo(Source.FETCHED);
        assertThat(a.sha()).isEqualTo(first.name());
        assertThat(echo(a)).isEqualTo("echo one");
        // A SHA names one commit for ever: a new run takes it from the cache without asking.
        assertThat(resolver("file:///nowhere/at/all", null, false)
                .resolve("acme/say@" + first.name().toUpperCase(), workspace).source()).isEqualTo(Source.CACHE);
    }

    @Test
    void aShortShaIsRefusedAsGitHubDoes() {
        String shortSha = first.name().substring(0, 7);
        ActionException e = failure(resolver(), "acme/say@" + shortSha, workspace);
        assertThat(e.kind()).isEqualTo(Kind.INVALID);
        assertThat(e.getMessage()).isEqualTo("Unable to resolve action `acme/say@" + shortSha + "`, the provided ref `"
                + shortSha + "` is the shortened version of a commit SHA, which is not supported. Please use the full "
                + "commit SHA `" + first.name() + "` instead.");
    }

    @Test
    void hexThatNamesNoCommitIsNotFound() {
        String hex = Stream.of("0000000", "1111111", "2222222")
                .filter(h -> !first.name().startsWith(h) && !second.name().startsWith(h)).findFirst().orElseThrow();
        ActionException e = failure(resolver(), "acme/say@" + hex, workspace);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("Unable to resolve action `acme/say@" + hex + "`, unable to find version `"
                + hex + "`");
    }

    @Test
    void missingRepositoryOrRefIsUnavailable() {
        ActionException repo = failure(resolver(), "acme/nothing@v1", workspace);
        assertThat(repo.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(repo.getMessage()).isEqualTo("Unable to resolve action `acme/nothing@v1`, repository not found");
        ActionException ref = failure(resolver(), "acme/say@v9", workspace);
        assertThat(ref.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(ref.getMessage()).isEqualTo("Unable to resolve action `acme/say@v9`, unable to find version `v9`");
        ActionException sha = failure(resolver(), "acme/say@" + "ab".repeat(20), workspace);
        assertThat(sha.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    @Test
    void unreachableHostIsUnavailable() {
        ActionException e = failure(resolver("http://127.0.0.1:9", null, false), "acme/say@v1", workspace);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("Unable to resolve action `acme/say@v1`: cannot fetch from "
                + "http://127.0.0.1:9/acme/say");
    }

    @Test
    void aPathInsideTheRepository() throws Exception {
        ResolvedAction a = resolver().resolve("acme/say/sub@main", workspace);
        assertThat(a.directory()).isEqualTo(cache.resolve("acme/say").resolve(second.name()).resolve("sub"));
        assertThat(a.manifest().runs()).isEqualTo(new ActionManifest.Node("node20", "index.js", null, "always()", null,
                "always()"));
        ActionException e = failure(resolver(), "acme/say/nope@main", workspace);
        assertThat(e.kind()).isEqualTo(Kind.BAD_MANIFEST);
        assertThat(e.getMessage()).isEqualTo("Can't find 'action.yml', 'action.yaml' or 'Dockerfile' for action "
                + "'acme/say/nope@main'.");
    }

    @Test
    void theMirrorComesFirst() throws Exception {
        Path mirror = tmp.resolve("mirror");
        Files.createDirectories(mirror.resolve("acme/say/v1/sub"));
        Files.writeString(mirror.resolve("acme/say/v1/action.yml"), GitRepos.composite("mirrored"));
        Files.writeString(mirror.resolve("acme/say/v1/sub/action.yaml"), "runs: {using: docker, image: Dockerfile}\n");
        DefaultActionResolver resolver = resolver(host.baseUrl(), mirror, false);
        ResolvedAction a = resolver.resolve("acme/say@v1", workspace);
        assertThat(a.source()).isEqualTo(Source.MIRROR);
        assertThat(a.sha()).isNull();
        assertThat(a.directory()).isEqualTo(mirror.resolve("acme/say/v1"));
        assertThat(echo(a)).isEqualTo("echo mirrored");
        assertThat(resolver.resolve("acme/say/sub@v1", workspace).manifest().file()).isEqualTo("action.yaml");
        // What the mirror does not hold is fetched.
        assertThat(resolver.resolve("acme/say@v2", workspace).source()).isEqualTo(Source.FETCHED);
        assertThat(Files.exists(cache.resolve("acme/say").resolve(first.name()))).isFalse();
    }

    @Test
    void theCacheServesWhenTheHostCannotBeReached() throws Exception {
        assertThat(resolver().resolve("acme/say@v1", workspace).source()).isEqualTo(Source.FETCHED);
        for (String nowhere : List.of("file:///nowhere/at/all", "http://127.0.0.1:9")) {
            ResolvedAction a = resolver(nowhere, null, false).resolve("acme/say@v1", workspace);
            assertThat(a.source()).isEqualTo(Source.CACHE);
            assertThat(a.sha()).isEqualTo(first.name());
            assertThat(echo(a)).isEqualTo("echo one");
        }
        ResolvedAction offline = resolver("file:///nowhere/at/all", null, true).resolve("acme/say@v1", workspace);
        assertThat(offline.source()).isEqualTo(Source.CACHE);
        assertThat(offline.sha()).isEqualTo(first.name());
    }

    @Test
    void offlineWithoutTheActionIsUnavailable() {
        ActionException e = failure(resolver(host.baseUrl(), null, true), "acme/say@v1", workspace);
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.getMessage()).startsWith("Unable to resolve action `acme/say@v1`: offline, and it is not in the cache");
    }

    @Test
    void otherFilesOfARepository() throws Exception {
        DefaultActionResolver.Checkout c = resolver().repository("acme", "say", "v1");
        assertThat(c.source()).isEqualTo(Source.FETCHED);
        assertThat(c.sha()).isEqualTo(first.name());
        assertThat(c.folder().resolve("bin/run.sh")).exists();
        assertThat(resolver().repository("acme", "say", "v1").source()).isEqualTo(Source.CACHE);
        assertThatThrownBy(() -> resolver().repository("acme", "..", "v1")).isInstanceOf(ActionException.class);
    }

    @Test
    void remoteFilesReadFilesOfARepositoryAndNothingOutsideIt() throws Exception {
        RemoteFiles files = resolver().remoteFiles();
        assertThat(files.read("acme", "say", "v1", "bin/run.sh")).hasValueSatisfying(
                b -> assertThat(new String(b, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("#!/bin/sh\necho hi\n"));
        assertThat(files.read("acme", "say", "v1", "no/such.yml")).isEmpty();
        assertThat(files.read("acme", "say", "v1", "bin")).as("a folder is no file").isEmpty();
        assertThat(files.read("acme", "say", "v1", "../../../../etc/passwd")).isEmpty();
        assertThatThrownBy(() -> files.read("acme", "..", "v1", "action.yml")).isInstanceOf(IOException.class);
    }

    @Test
    void concurrentResolvesOfOneRefFetchOnce() throws Exception {
        int threads = 8;
        DefaultActionResolver shared = resolver();
        DefaultActionResolver other = resolver(); // another run on the same cache
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ResolvedAction>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                DefaultActionResolver r = i % 2 == 0 ? shared : other;
                results.add(pool.submit(() -> {
                    start.await();
                    return r.resolve("acme/say@main", workspace);
                }));
            }
            start.countDown();
            int fetched = 0;
            for (Future<ResolvedAction> f : results) {
                ResolvedAction a = f.get();
                assertThat(a.sha()).isEqualTo(second.name());
                assertThat(echo(a)).isEqualTo("echo two");
                if (a.source() == Source.FETCHED) {
                    fetched++;
                } else {
                    assertThat(a.source()).isEqualTo(Source.CACHE);
                }
            }
            assertThat(fetched).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void workLeftByACrashedFetchIsRemoved() throws Exception {
        Path stale = Files.createDirectories(cache.resolve("acme/say/.tmp-v1-12345/tree"));
        Files.writeString(stale.resolve("action.yml"), "half");
        ResolvedAction a = resolver().resolve("acme/say@v1", workspace);
        assertThat(a.source()).isEqualTo(Source.FETCHED);
        assertThat(leftovers()).isEmpty();
        try (Stream<Path> s = Files.list(cache.resolve("acme/say"))) {
            assertThat(s.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(first.name(), ".refs", ".locks");
        }
    }

    @Test
    void localActionsAreReadFromTheWorkspace() throws Exception {
        Path folder = Files.createDirectories(workspace.resolve(".github/actions/hello"));
        Files.writeString(folder.resolve("action.yml"), GitRepos.composite("local"));
        ResolvedAction a = resolver().resolve("./.github/actions/hello", workspace);
        assertThat(a.source()).isEqualTo(Source.LOCAL);
        assertThat(a.sha()).isNull();
        assertThat(a.directory()).isEqualTo(folder);
        assertThat(echo(a)).isEqualTo("echo local");

        ActionException missing = failure(resolver(), "./.github/actions/nope", workspace);
        assertThat(missing.kind()).isEqualTo(Kind.BAD_MANIFEST);
        assertThat(missing.getMessage()).contains("Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '"
                + workspace.resolve(".github/actions/nope") + "'. Did you forget to run actions/checkout");

        ActionException outside = failure(resolver(), "./../host/acme/say", workspace);
        assertThat(outside.kind()).isEqualTo(Kind.INVALID);
    }

    @Test
    void dockerImagesHaveNoFolder() throws Exception {
        ResolvedAction a = resolver().resolve("docker://alpine:3.20", workspace);
        assertThat(a.source()).isEqualTo(Source.IMAGE);
        assertThat(a.directory()).isNull();
        assertThat(a.manifest().runs()).isInstanceOf(ActionManifest.Docker.class);
        assertThat(((ActionManifest.Docker) a.manifest().runs()).image()).isEqualTo("docker://alpine:3.20");
    }

    @Test
    void malformedUsesIsInvalid() {
        for (String uses : List.of("checkout", "acme/say@", "acme/..@v1", "acme/say/../../x@v1", "acme/say@v1 && rm",
                "acme/say@../../etc", "${{ matrix.action }}", "")) {
            assertThatThrownBy(() -> resolver().resolve(uses, workspace)).as(uses)
                    .isInstanceOfSatisfying(ActionException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID));
        }
    }

    @Test
    void peekNeverFetches() throws Exception {
        DefaultActionResolver resolver = resolver();
        assertThat(resolver.peek("acme/say@v1", workspace)).isEmpty();
        assertThat(Files.exists(cache.resolve("acme/say").resolve(first.name()))).isFalse();
        resolver.resolve("acme/say@v1", workspace);
        assertThat(resolver.peek("acme/say@v1", workspace)).get().extracting(ResolvedAction::source)
                .isEqualTo(Source.CACHE);
        assertThat(resolver.peek("./missing", workspace)).isEmpty();
    }
}
