package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.server.config.ServerConfig;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Database;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.NewDelivery;
import dev.hearth.server.store.NewRun;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a dead server left {@code running}: at the next start one with attempts left is run again and
 * reported with its real conclusion, one that used them up is concluded {@code error} and reported, and a
 * process left in the work folder is killed.
 */
class ServeRestartTest {

    @Test
    void runsLeftRunningByADeadServerAreRequeuedOrConcludedAndReported(@TempDir Path dir) throws Exception {
        try (GitHubFixture gh = new GitHubFixture(dir)) {
            RevCommit commit = gh.commit("workflows", ServeEndToEndTest.workflows());
            gh.push("main", "refs/heads/main");
            Path data = dir.resolve("data");
            ServerConfig config = ServerConfig.load(gh.env(data));
            String payload = gh.pushPayload("refs/heads/main", null, commit, List.of(commit));

            // A first server fetches the commit into its cache, then "dies" with two runs of a later delivery running.
            try (Server first = new Server(config, ServeEndToEndTest.fastOptions())) {
                int port = first.start();
                gh.deliver(port, "push", "push-1", payload);
                RunStore runs = new RunStore(first.database(), Clock.systemUTC());
                await().atMost(Duration.ofSeconds(60)).until(() -> ServeEndToEndTest.done(runs, "push-1", 2));
            }
            long exhausted;
            long retried;
            try (Database db = Database.open(config.database(), data.toAbsolutePath())) {
                RunStore runs = new RunStore(db, Clock.systemUTC());
                new DeliveryStore(db, Clock.systemUTC()).insertIfAbsent(
                        new NewDelivery("push-2", "push", null, Instant.now(), payload, DeliveryState.DONE));
                exhausted = runs.enqueue(new NewRun("push-2", GitHubFixture.REPO, commit.name(), "refs/heads/main",
                        ".github/workflows/fail.yml")).orElseThrow();
                runs.claimNext("dead-node", Duration.ZERO).orElseThrow();
                await().until(() -> !runs.recoverExpired(10).requeued().isEmpty());
                retried = runs.enqueue(new NewRun("push-2", GitHubFixture.REPO, commit.name(), "refs/heads/main",
                        ".github/workflows/ci.yml")).orElseThrow();
                assertThat(runs.claimNext("dead-node", Duration.ZERO).orElseThrow().id()).isEqualTo(exhausted);
                assertThat(runs.claimNext("dead-node", Duration.ZERO).orElseThrow().id()).isEqualTo(retried);
            }
            // A sandbox process the dead server left in its work folder.
            Path leftover = data.toAbsolutePath().resolve("work").resolve("run-x");
            Files.createDirectories(leftover);
            Process orphan = new ProcessBuilder("bash", "-c", "while :; do sleep 1; done", leftover.toString()).start();

            try (Server second = new Server(config, ServeEndToEndTest.fastOptions().withMaxAttempts(2))) {
                second.start();
                await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
                RunStore runs = new RunStore(second.database(), Clock.systemUTC());
                await().atMost(Duration.ofSeconds(60)).until(() -> ServeEndToEndTest.done(runs, "push-2", 2));
                Run errored = runs.find(exhausted).orElseThrow();
                Run rerun = runs.find(retried).orElseThrow();
                assertThat(errored.conclusion()).isEqualTo(Conclusion.ERROR);
                assertThat(rerun.state()).isEqualTo(RunState.COMPLETED);
                assertThat(rerun.conclusion()).isEqualTo(Conclusion.SUCCESS);
                assertThat(rerun.attempts()).isEqualTo(2);
                // fail.yml's last status is now the recovery's error; ci.yml's the re-run's success.
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ServeEndToEndTest.last(gh.statuses(commit.name(), "hearth/fail")), "error"::equals);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> ServeEndToEndTest.last(gh.statuses(commit.name(), "hearth/ci")), "success"::equals);
            } finally {
                orphan.destroyForcibly();
            }
        }
    }
}
