package dev.hearth.actions.builtin.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host cache store: lookups, eviction under a size limit, and saves racing from threads and processes. */
class CacheStoreTest {
    @TempDir
    Path temp;

    /** Saves an entry whose one file holds {@code bytes} bytes derived from the key. */
    static CacheStore.SaveOutcome put(CacheStore store, String key, int bytes) throws Exception {
        Path staging = store.newStaging();
        Path file = staging.resolve("data/0/content");
        Files.createDirectories(file.getParent());
        Files.writeString(file, content(key, bytes));
        return store.commit(staging, "octo/repo", key, "v1", List.of("."), bytes);
    }

    static String content(String key, int bytes) {
        StringBuilder out = new StringBuilder();
        while (out.length() < bytes) {
            out.append(key).append(';');
        }
        return out.substring(0, bytes);
    }

    /** Every entry left is whole: its file is there with the content its key gave it. */
    private static void assertEntriesIntact(CacheStore store, int bytes) throws Exception {
        for (CacheStore.Entry entry : store.entries()) {
            try (CacheStore.Lease lease = store.find("octo/repo", "v1", entry.key(), List.of(), true).orElseThrow()) {
                assertThat(lease.entry().key()).isEqualTo(entry.key());
                assertThat(Files.readString(lease.data(0).resolve("content"))).isEqualTo(content(entry.key(), bytes));
            }
        }
    }

    private static List<String> keys(CacheStore store) throws Exception {
        return store.entries().stream().map(CacheStore.Entry::key).sorted().toList();
    }

    private static void waitForTheClockToMove() {
        long now = System.currentTimeMillis();
        while (System.currentTimeMillis() <= now + 1) {
            Thread.onSpinWait();
        }
    }

    @Test
    void findsByExactKeyThenByPrefixNewestFirst() throws Exception {
        CacheStore store = new CacheStore(temp, 1 << 20);
        put(store, "deps-a", 10);
        waitForTheClockToMove();
        put(store, "deps-b", 10);

        assertThat(store.find("octo/repo", "v1", "deps-a", List.of(), false).map(l -> l.entry().key())).contains("deps-a");
        assertThat(store.find("octo/repo", "v1", "deps-", List.of(), false).map(l -> l.entry().key())).contains("deps-b");
        assertThat(store.find("octo/repo", "v1", "nope", List.of("x", "deps"), false).map(l -> l.entry().key()))
                .contains("deps-b");
        assertThat(store.find("octo/repo", "v2", "deps-a", List.of(), false)).isEmpty();
        assertThat(store.find("other/repo", "v1", "deps-a", List.of(), false)).isEmpty();
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesBeyondTheLimit() throws Exception {
        CacheStore store = new CacheStore(temp, 3000);
        put(store, "a", 1200);
        waitForTheClockToMove();
        put(store, "b", 1200);
        waitForTheClockToMove();
        store.find("octo/repo", "v1", "a", List.of(), true).orElseThrow().close(); // a is now used after b
        waitForTheClockToMove();

        assertThat(put(store, "c", 1200)).isEqualTo(CacheStore.SaveOutcome.SAVED);

        assertThat(keys(store)).containsExactly("a", "c");
        assertThat(store.totalBytes()).isLessThanOrEqualTo(3000);
        assertEntriesIntact(store, 1200);
    }

    @Test
    void anEntryBeingRestoredIsNotEvictedUntilItsProcessIsGone() throws Exception {
        CacheStore store = new CacheStore(temp, 2500);
        put(store, "x", 1200);
        waitForTheClockToMove();
        CacheStore.Lease held = store.find("octo/repo", "v1", "x", List.of(), true).orElseThrow();
        waitForTheClockToMove();
        put(store, "y", 1200);
        waitForTheClockToMove();

        put(store, "z", 1200); // x is the least recently used but leased: y goes instead

        assertThat(keys(store)).containsExactly("x", "z");
        assertThat(Files.readString(held.data(0).resolve("content"))).isEqualTo(content("x", 1200));
        held.close();

        // A lease left by a process that has ended does not pin anything.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path leases = temp.resolve("entries").resolve(CacheStore.id("octo/repo", "v1", "z")).resolve("leases");
        Files.createDirectories(leases);
        Files.createFile(leases.resolve(gone.pid() + "-0-stale"));
        waitForTheClockToMove();
        store.find("octo/repo", "v1", "x", List.of(), true).orElseThrow().close();
        waitForTheClockToMove();

        put(store, "w", 1200);

        assertThat(keys(store)).containsExactly("w", "x");
    }

    @Test
    void concurrentSavesOfOneKeyStoreItOnce() throws Exception {
        CacheStore store = new CacheStore(temp, 1 << 20);
        List<CacheStore.SaveOutcome> outcomes = race(8, i -> () -> put(store, "same", 2000));

        assertThat(outcomes).filteredOn(o -> o == CacheStore.SaveOutcome.SAVED).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o == CacheStore.SaveOutcome.EXISTS).hasSize(7);
        assertThat(keys(store)).containsExactly("same");
        assertEntriesIntact(store, 2000);
        assertNoLeftovers();
    }

    @Test
    void concurrentSavesUnderATinyLimitKeepTheStoreWithinIt() throws Exception {
        CacheStore store = new CacheStore(temp, 2000);
        List<CacheStore.SaveOutcome> outcomes = race(16, i -> () -> put(store, "key-" + i, 500));

        assertThat(outcomes).containsOnly(CacheStore.SaveOutcome.SAVED);
        assertThat(store.totalBytes()).isLessThanOrEqualTo(2000);
        assertThat(store.entries()).hasSize(4);
        assertEntriesIntact(store, 500);
        assertNoLeftovers();
    }

    @Test
    void savesFromSeveralProcessesAreSafe() throws Exception {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Process> writers = new ArrayList<>();
        Path meetings = temp.resolve("meetings"); // beside what the store keeps, which it never looks at
        for (int p = 0; p < 3; p++) {
            writers.add(new ProcessBuilder(java, "-cp", classPath, CacheStoreWriter.class.getName(), temp.toString(),
                    "3000", "p" + p, "6", "400", "3", meetings.toString())
                    .redirectError(new File(temp.toFile(), "writer-" + p + ".err")).start());
        }
        List<String> lines = new ArrayList<>();
        for (Process writer : writers) {
            lines.addAll(new String(writer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            assertThat(writer.waitFor()).as("writer exit code").isZero();
        }

        Map<String, Long> shared = lines.stream().filter(l -> l.startsWith("shared "))
                .collect(Collectors.groupingBy(l -> l.substring("shared ".length()), Collectors.counting()));
        assertThat(shared).containsEntry("SAVED", 1L).containsEntry("EXISTS", 2L);
        assertThat(lines).filteredOn(l -> !l.startsWith("shared ")).hasSize(18).allMatch(l -> l.endsWith(" SAVED"));
        CacheStore store = new CacheStore(temp, 3000);
        assertThat(store.totalBytes()).isLessThanOrEqualTo(3000);
        assertThat(store.entries()).hasSize(7);
        assertEntriesIntact(store, 400);
        assertNoLeftovers();
    }

    private void assertNoLeftovers() throws Exception {
        for (String dir : List.of("staging", "trash")) {
            Path p = temp.resolve(dir);
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    assertThat(list.toList()).as(dir).isEmpty();
                }
            }
        }
    }

    private static <T> List<T> race(int threads, Function<Integer, Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> work = task.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return work.call();
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLookupWithoutALeaseLeavesNothingBehind() throws Exception {
        CacheStore store = new CacheStore(temp, 1 << 20);
        put(store, "k", 5);
        Optional<CacheStore.Lease> lookup = store.find("octo/repo", "v1", "k", List.of(), false);
        assertThat(lookup).isPresent();
        lookup.get().close();
        assertThat(temp.resolve("entries").resolve(CacheStore.id("octo/repo", "v1", "k")).resolve("leases")).doesNotExist();
    }
}
