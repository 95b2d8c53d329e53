package dev.hearth.actions.builtin.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.actions.builtin.BuiltinFixture;
import dev.hearth.actions.builtin.BuiltinResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upload-artifact} and {@code download-artifact} between two jobs (two real host sandboxes)
 * of one run, through the run's artifact store.
 */
class ArtifactActionsTest {
    @TempDir
    Path temp;

    BuiltinFixture build;
    BuiltinFixture deploy;
    ArtifactStore store;

    @BeforeEach
    void setUp() throws Exception {
        build = BuiltinFixture.create(temp, "build");
        deploy = BuiltinFixture.create(temp, "deploy");
        store = new ArtifactStore(build.stores.artifactRoot());
        build.write("out/bin/app", "binary");
        build.write("out/bin/lib.so", "library");
        build.write("out/bin/scratch.tmp", "scratch");
        build.write("out/test-results/junit.xml", "<testsuite/>");
        build.write("out/test-results/.cache/state", "hidden");
        build.write("out/.env", "SECRET=1");
    }

    @AfterEach
    void tearDown() {
        build.close();
        deploy.close();
    }

    private static Map<String, String> with(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private BuiltinResult upload(BuiltinFixture fx, Map<String, String> with) throws Exception {
        UploadArtifactAction action = new UploadArtifactAction();
        return action.main(fx.context(action, with));
    }

    private BuiltinResult download(BuiltinFixture fx, Map<String, String> with) throws Exception {
        DownloadArtifactAction action = new DownloadArtifactAction();
        return action.main(fx.context(action, with));
    }

    private List<String> entries(String name) throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = store.open(store.find(name).orElseThrow()); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void severalPathsAreStoredFromTheirCommonAncestorWithoutExcludedOrHiddenFiles() throws Exception {
        BuiltinResult result = upload(build, with("name", "build-output",
                "path", "out/bin/\nout/test-results\n!out/**/*.tmp"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(entries("build-output")).containsExactly("bin/app", "bin/lib.so", "test-results/junit.xml");
        ArtifactStore.Artifact artifact = store.find("build-output").orElseThrow();
        assertThat(result.outputs()).containsEntry("artifact-id", "1")
                .containsEntry("artifact-digest", artifact.digest())
                .containsEntry("artifact-url", "https://github.com/octo/repo/actions/runs/1/artifacts/1");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = store.open(artifact)) {
            assertThat(HexFormat.of().formatHex(sha.digest(in.readAllBytes()))).isEqualTo(artifact.digest());
        }
        assertThat(artifact.files()).isEqualTo(3);
    }

    @Test
    void aSingleFileIsStoredWithoutItsFolders() throws Exception {
        upload(build, with("name", "one", "path", "out/bin/app"));
        assertThat(entries("one")).containsExactly("app");
    }

    @Test
    void aWildcardKeepsTheFoldersAfterTheSearchPath() throws Exception {
        upload(build, with("name", "bins", "path", "out/**/[al]*"));
        assertThat(entries("bins")).containsExactly("bin/app", "bin/lib.so");
    }

    @Test
    void hiddenFilesOnlyWhenAskedFor() throws Exception {
        upload(build, with("name", "plain", "path", "out"));
        upload(build, with("name", "all", "path", "out", "include-hidden-files", "true"));

        assertThat(entries("plain")).doesNotContain(".env", "test-results/.cache/state").contains("bin/app");
        assertThat(entries("all")).contains(".env", "test-results/.cache/state", "bin/app");
    }

    @Test
    void symbolicLinksAreFollowedWhenTheirTargetsWereSearched() throws Exception {
        build.sh("ln -s bin/app out/app-link && ln -s bin out/bin-link && ln -s /etc/hostname out/outside");

        upload(build, with("name", "links", "path", "out"));

        assertThat(entries("links")).contains("app-link", "bin-link/app", "bin-link/lib.so").doesNotContain("outside");
        assertThat(build.warnings).anyMatch(w -> w.contains("out/outside"));
    }

    @Test
    void ifNoFilesFound() throws Exception {
        BuiltinResult warn = upload(build, with("name", "none", "path", "nothing/here"));
        assertThat(warn.failed()).isFalse();
        assertThat(build.warnings).contains(
                "No files were found with the provided path: nothing/here. No artifacts will be uploaded.");

        BuiltinResult error = upload(build, with("name", "none", "path", "nothing/here", "if-no-files-found", "error"));
        assertThat(error.failed()).isTrue();
        assertThat(error.message()).startsWith("No files were found with the provided path: nothing/here.");

        build.warnings.clear();
        BuiltinResult ignore = upload(build, with("name", "none", "path", "nothing/here", "if-no-files-found", "ignore"));
        assertThat(ignore.failed()).isFalse();
        assertThat(build.warnings).isEmpty();

        BuiltinResult bad = upload(build, with("name", "none", "path", "x", "if-no-files-found", "shout"));
        assertThat(bad.message()).isEqualTo("Unrecognized if-no-files-found input. Provided: shout. "
                + "Available options: warn,error,ignore");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void aNameIsTakenOnceUnlessOverwritten() throws Exception {
        assertThat(upload(build, with("name", "dist", "path", "out/bin/app")).failed()).isFalse();

        BuiltinResult again = upload(deploy, with("name", "dist", "path", "out")); // deploy has no out: no files
        assertThat(again.failed()).isFalse();
        deploy.write("out/other", "other");
        BuiltinResult conflict = upload(deploy, with("name", "dist", "path", "out"));
        assertThat(conflict.failed()).isTrue();
        assertThat(conflict.message()).contains("(409) Conflict: an artifact with this name already exists");

        BuiltinResult overwritten = upload(deploy, with("name", "dist", "path", "out", "overwrite", "true"));
        assertThat(overwritten.failed()).as(overwritten.message()).isFalse();
        assertThat(overwritten.outputs()).containsEntry("artifact-id", "2");
        assertThat(store.list()).extracting(ArtifactStore.Artifact::name).containsExactly("dist");
        assertThat(entries("dist")).containsExactly("other");
    }

    @Test
    void concurrentUploadsOfOneNameLetOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<BuiltinResult>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return upload(build, with("name", "race", "path", "out/bin"));
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (Future<BuiltinResult> r : results) {
                succeeded += r.get().failed() ? 0 : 1;
            }
            assertThat(succeeded).isEqualTo(1);
            assertThat(store.list()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invalidNamesAndRetention() throws Exception {
        BuiltinResult slash = upload(build, with("name", "a/b", "path", "out"));
        assertThat(slash.message()).startsWith("The artifact name is not valid: a/b. Contains the following character: "
                + "Forward slash /");
        BuiltinResult retention = upload(build, with("name", "r", "path", "out", "retention-days", "soon"));
        assertThat(retention.message()).isEqualTo("Invalid retention-days");

        upload(build, with("name", "long", "path", "out", "retention-days", "400"));
        assertThat(build.warnings).contains("Retention days cannot be greater than the maximum allowed retention set "
                + "within the repository. Using 90 instead.");
    }

    @Test
    void retentionEndsAndExpiredArtifactsArePurged() throws Exception {
        upload(build, with("name", "short", "path", "out/bin", "retention-days", "1"));
        upload(build, with("name", "long", "path", "out/bin"));

        ArtifactStore.Artifact shortLived = store.find("short").orElseThrow();
        assertThat(Instant.ofEpochMilli(shortLived.expiresAt()))
                .isBetween(Instant.now().plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));

        assertThat(store.purgeExpired(Instant.now().plus(Duration.ofDays(2)))).isEqualTo(1);
        assertThat(store.list()).extracting(ArtifactStore.Artifact::name).containsExactly("long");
    }

    @Test
    void downloadByNameGoesStraightIntoThePath() throws Exception {
        upload(build, with("name", "build-output", "path", "out/bin/\nout/test-results\n!out/**/*.tmp"));

        BuiltinResult result = download(deploy, with("name", "build-output", "path", "dl"));

        assertThat(result.failed()).as(result.message()).isFalse();
        assertThat(result.outputs()).containsEntry("download-path", deploy.workspace + "/dl");
        assertThat(deploy.sh("find dl -type f | sort").strip().lines().toList())
                .containsExactly("dl/bin/app", "dl/bin/lib.so", "dl/test-results/junit.xml");
        assertThat(deploy.read("dl/bin/app")).isEqualTo("binary");
    }

    @Test
    void downloadOfAMissingNameFails() throws Exception {
        BuiltinResult result = download(deploy, with("name", "nope"));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).startsWith("Unable to download artifact(s): Artifact not found for name: nope");
    }

    @Test
    void downloadByPatternGoesIntoOneFolderPerArtifactOrMerged() throws Exception {
        build.write("linux/app", "linux build");
        build.write("linux/linux.txt", "l");
        build.write("mac/app", "mac build");
        build.write("mac/mac.txt", "m");
        upload(build, with("name", "app-linux", "path", "linux"));
        upload(build, with("name", "app-mac", "path", "mac"));
        upload(build, with("name", "docs", "path", "out/bin/app"));

        BuiltinResult separate = download(deploy, with("pattern", "app-*", "path", "~/separate"));
        assertThat(separate.failed()).as(separate.message()).isFalse();
        assertThat(separate.outputs()).containsEntry("download-path", deploy.home + "/separate");
        assertThat(deploy.sh("cd ~/separate && find . -type f | sort").strip().lines().toList())
                .containsExactly("./app-linux/app", "./app-linux/linux.txt", "./app-mac/app", "./app-mac/mac.txt");

        BuiltinResult merged = download(deploy, with("pattern", "app-*", "path", "merged", "merge-multiple", "true"));
        assertThat(merged.failed()).isFalse();
        assertThat(deploy.sh("find merged -type f | sort").strip().lines().toList())
                .containsExactly("merged/app", "merged/linux.txt", "merged/mac.txt");
        assertThat(deploy.read("merged/app")).isEqualTo("mac build"); // the later artifact wins

        BuiltinResult all = download(deploy, with());
        assertThat(all.outputs()).containsEntry("download-path", deploy.workspace);
        assertThat(deploy.read("docs/app")).isEqualTo("binary");
        assertThat(deploy.read("app-mac/mac.txt")).isEqualTo("m");
    }

    @Test
    void downloadByIds() throws Exception {
        upload(build, with("name", "first", "path", "out/bin/app"));
        upload(build, with("name", "second", "path", "out/bin/lib.so"));

        BuiltinResult result = download(deploy, with("artifact-ids", "2, 9"));

        assertThat(result.failed()).isFalse();
        assertThat(deploy.read("second/lib.so")).isEqualTo("library");
        assertThat(deploy.exists("first")).isFalse();
        assertThat(deploy.warnings).contains("Could not find the following artifact IDs: 9");
        assertThat(download(deploy, with("name", "first", "artifact-ids", "1")).failed()).isTrue();
    }

    @Test
    void anotherRunsArtifactsAreOutOfReach() throws Exception {
        BuiltinResult result = download(deploy, with("github-token", "t", "run-id", "999"));

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("another run");
    }
}
