package dev.hearth.actions.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.actions.builtin.BuiltinContext.EventSource;
import dev.hearth.actions.builtin.artifact.DownloadArtifactAction;
import dev.hearth.actions.builtin.artifact.UploadArtifactAction;
import dev.hearth.actions.builtin.cache.CacheAction;
import dev.hearth.actions.builtin.checkout.CheckoutAction;
import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.bwrap.BwrapBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in actions in bubblewrap sandboxes, where commands run in their own namespaces: the
 * checked-out repository must work for git in there, and files must travel through the sandbox's file
 * operations only.
 */
class BuiltinsOnBwrapTest {
    @TempDir
    Path temp;

    @BeforeAll
    static void needsBwrap() {
        Availability availability = new BwrapBackend().availability();
        assumeTrue(availability.available(), "bwrap does not work here: " + availability.reason());
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=T", "-c", "user.email=t@e"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void checkoutCacheAndArtifactsWorkInsideBubblewrap() throws Exception {
        Path source = Files.createDirectories(temp.resolve("server/octo/repo"));
        git(source, "init", "-q", "-b", "main");
        Files.writeString(source.resolve("build.sh"), "mkdir -p dist && echo built > dist/out.txt\n");
        git(source, "add", ".");
        git(source, "commit", "-q", "-m", "first");
        String sha = git(source, "rev-parse", "HEAD");

        try (BuiltinFixture job1 = BuiltinFixture.create(temp, "job1", new BwrapBackend());
             BuiltinFixture job2 = BuiltinFixture.create(temp, "job2", new BwrapBackend())) {
            EventSource event = new EventSource("octo/repo", sha, "refs/heads/main", source, null,
                    temp.resolve("server").toUri().toString());
            job1.event = event;
            job2.event = event;

            CheckoutAction checkout = new CheckoutAction();
            BuiltinResult checkedOut = checkout.main(job1.context(checkout, Map.of()));
            assertThat(checkedOut.failed()).as(checkedOut.message()).isFalse();
            assertThat(job1.sh("git log --format=%H").strip()).isEqualTo(sha);
            assertThat(job1.sh("git status --porcelain")).isEmpty();
            job1.sh("bash build.sh");

            CacheAction cache = new CacheAction();
            Map<String, String> cacheWith = Map.of("path", "dist\n~/.tool", "key", "dist-" + sha);
            job1.write(job1.home + "/.tool/state", "tool state");
            BuiltinResult miss = cache.main(job1.context(cache, cacheWith));
            assertThat(cache.post(job1.context(cache, cacheWith, miss.state())).failed()).isFalse();
            UploadArtifactAction upload = new UploadArtifactAction();
            BuiltinResult uploaded = upload.main(job1.context(upload, Map.of("name", "dist", "path", "dist/")));
            assertThat(uploaded.failed()).as(uploaded.message()).isFalse();

            BuiltinResult hit = cache.main(job2.context(cache, cacheWith));
            assertThat(hit.outputs()).containsEntry("cache-hit", "true");
            assertThat(job2.sh("cat dist/out.txt ~/.tool/state")).isEqualTo("built\ntool state");
            DownloadArtifactAction download = new DownloadArtifactAction();
            BuiltinResult downloaded = download.main(job2.context(download, Map.of("name", "dist", "path", "from-job1")));
            assertThat(downloaded.failed()).as(downloaded.message()).isFalse();
            assertThat(job2.sh("cat from-job1/out.txt")).isEqualTo("built\n");
        }
    }
}
