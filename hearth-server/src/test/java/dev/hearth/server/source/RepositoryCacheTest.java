package dev.hearth.server.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryCacheTest {

    @TempDir
    Path dir;

    @Test
    void concurrentDeliveriesOfOneRepositoryAllGetTheirCommits() throws Exception {
        try (Origin origin = new Origin(dir, true)) {
            List<RevCommit> commits = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                commits.add(origin.commit("c" + i, Map.of("f" + i, "x" + i)));
                origin.push("main", "refs/heads/b" + i);
            }
            RepositoryCache cache = new RepositoryCache(dir.resolve("cache"), true, TokenSource.NONE);
            int threads = 12;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<ObjectId>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    RevCommit wanted = commits.get(i % commits.size());
                    Callable<ObjectId> task = () -> {
                        start.await();
                        Want w = Want.commit(wanted.name(), null);
                        return cache.fetch(Origin.NAME, origin.bare.toString(), List.of(w)).commit(w).orElseThrow();
                    };
                    results.add(pool.submit(task));
                }
                start.countDown();
                for (int i = 0; i < threads; i++) {
                    assertThat(results.get(i).get().name()).isEqualTo(commits.get(i % commits.size()).name());
                }
            } finally {
                pool.shutdownNow();
            }
            try (Repository repo = RepositoryCache.open(cache.gitDir(Origin.NAME))) {
                assertThat(repo.isBare()).isTrue();
                for (RevCommit c : commits) {
                    assertThat(repo.exactRef(RepositoryCache.KEEP_PREFIX + c.name())).isNotNull();
                }
                // Only the wanted commits were fetched: no branch was copied.
                assertThat(repo.getRefDatabase().getRefsByPrefix("refs/heads/")).isEmpty();
            }
        }
    }

    @Test
    void aCommitFetchedOnceIsServedAgainWithoutTheServer() throws Exception {
        RevCommit c;
        Path cacheDir = dir.resolve("cache");
        RepositoryCache cache = new RepositoryCache(cacheDir, true, TokenSource.NONE);
        Path bare;
        try (Origin origin = new Origin(dir, true)) {
            c = origin.commit("one", Map.of("a", "a"));
            origin.push("main", "refs/heads/main");
            bare = origin.bare;
            cache.fetch(Origin.NAME, bare.toString(), List.of(Want.commit(c.name(), null)));
        }
        try (Stream<Path> files = Files.walk(bare)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Want again = Want.commit(c.name(), null);
        assertThat(cache.fetch(Origin.NAME, bare.toString(), List.of(again)).commit(again)).contains(c.getId());
    }

    @Test
    void aServerThatRefusesShaWantsIsFetchedThroughTheRef() throws Exception {
        try (Origin origin = new Origin(dir, false)) {
            RevCommit c = origin.commit("one", Map.of("a", "a"));
            origin.push("main", "refs/heads/main");
            RepositoryCache cache = new RepositoryCache(dir.resolve("cache"), true, TokenSource.NONE);
            RevCommit old = c;
            RevCommit newer = origin.commit("two", Map.of("b", "b"));
            origin.push("main", "refs/heads/main");
            Want w = Want.commit(old.name(), "refs/heads/main");
            Want missing = Want.optional("1111111111111111111111111111111111111111", null);
            FetchedCommits f = cache.fetch(Origin.NAME, origin.bare.toString(), List.of(w, missing));
            assertThat(f.commit(w)).contains(old.getId());
            assertThat(f.commit(missing)).isEmpty();
            assertThat(newer).isNotNull();
        }
    }

    @Test
    void theTokenIsNeverWrittenIntoTheCache() throws Exception {
        String token = "ghs_TopSecretToken0123456789";
        List<String> askedFor = new ArrayList<>();
        TokenSource tokens = repository -> {
            askedFor.add(repository);
            return Optional.of(token);
        };
        try (Origin origin = new Origin(dir, true)) {
            RevCommit c = origin.commit("one", Map.of("a", "a"));
            origin.push("main", "refs/heads/main");
            RepositoryCache cache = new RepositoryCache(dir.resolve("cache"), true, tokens);
            cache.fetch(Origin.NAME, origin.bare.toString(), List.of(Want.commit(c.name(), "refs/heads/main"),
                    Want.ref("refs/heads/main")));
            assertThat(askedFor).containsExactly(Origin.NAME);
            Path gitDir = cache.gitDir(Origin.NAME);
            assertThat(Files.readString(gitDir.resolve("config"))).doesNotContain(token).doesNotContain("[remote");
            assertThat(filesContaining(gitDir, token)).isEmpty();
        }
    }

    /**
     * Every file under {@code dir} whose text contains {@code needle}. JGit may run a gc in the
     * background after a fetch, creating and removing lock and temporary files meanwhile: a file gone
     * before it is read holds nothing, and a walk cut short by a vanished folder is done again.
     */
    private static List<Path> filesContaining(Path dir, String needle) throws Exception {
        for (int attempt = 1; ; attempt++) {
            List<Path> found = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    byte[] content;
                    try {
                        content = Files.readAllBytes(p);
                    } catch (java.nio.file.NoSuchFileException gone) {
                        continue;
                    }
                    if (Origin.text(content).contains(needle)) {
                        found.add(p);
                    }
                }
                return found;
            } catch (java.io.UncheckedIOException e) {
                if (attempt == 5 || !(e.getCause() instanceof java.nio.file.NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    @Test
    void localRepositoriesAndUrlsWithCredentialsAreRefused() throws Exception {
        RepositoryCache strict = new RepositoryCache(dir.resolve("cache"), false, TokenSource.NONE);
        Want w = Want.ref("refs/heads/main");
        assertThatThrownBy(() -> strict.fetch(Origin.NAME, "file:///srv/repo.git", List.of(w)))
                .isInstanceOf(IOException.class).hasMessageContaining("HEARTH_ALLOW_LOCAL_REPOS");
        assertThatThrownBy(() -> strict.fetch(Origin.NAME, "/srv/repo.git", List.of(w)))
                .isInstanceOf(IOException.class).hasMessageContaining("local repository");
        assertThatThrownBy(() -> strict.fetch(Origin.NAME, "https://x-access-token:ghs_abc@github.com/o/r.git", List.of(w)))
                .isInstanceOf(IOException.class).hasMessageContaining("user info").hasMessageNotContaining("ghs_abc");
        assertThatThrownBy(() -> strict.fetch(Origin.NAME, "ssh://git@github.com/o/r.git", List.of(w)))
                .isInstanceOf(IOException.class).hasMessageContaining("not http(s)");
        assertThatThrownBy(() -> strict.gitDir("../etc"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("cache")).doesNotExist();
        RepositoryCache.checkUrl("https://github.com/octo/hello.git", false);
    }
}
