package dev.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.server.config.ServerConfig;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Database;
import dev.hearth.server.store.Delivery;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, acceptance 3: a real server process is killed with SIGKILL while 20 workflows run. Their
 * sandbox processes die with it; a restarted server takes the runs back at once (they belong to an
 * earlier process of the same node), runs them to the end and reports every one, and every delivery
 * ends in a terminal state.
 */
class ServeCrashTest {

    private static final int DELIVERIES = 4;
    private static final int WORKFLOWS = 5;

    private Path dir;
    // Not under /tmp (nor anywhere the project may be, which can be /tmp too): the bubblewrap sandbox
    // mounts a fresh /tmp, and its steps must see the gate file.
    private Path gateDir;
    private final List<Process> servers = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        servers.forEach(Process::destroyForcibly);
        for (Path d : new Path[] {dir, gateDir}) {
            if (d != null) {
                try (Stream<Path> all = Files.walk(d)) {
                    all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    void aServerKilledWhileTwentyWorkflowsRunLeavesNothingBehindAndItsRestartFinishesAndReportsThemAll() throws Exception {
        dir = Files.createTempDirectory("hearth-crash-");
        Path varTmp = Path.of("/var/tmp");
        gateDir = Files.createTempDirectory(Files.isDirectory(varTmp) && Files.isWritable(varTmp) ? varTmp
                : Files.createDirectories(Path.of("target")).toAbsolutePath(), "hearth-crash-gate-");
        Path gate = gateDir.resolve("gate");
        try (GitHubFixture gh = new GitHubFixture(dir)) {
            // Each workflow's step waits for the gate, so all 20 are surely running when the server dies.
            Map<String, String> files = new HashMap<>();
            for (int w = 1; w <= WORKFLOWS; w++) {
                files.put(".github/workflows/w" + w + ".yml", """
                        on: push
                        jobs:
                          wait:
                            runs-on: ubuntu-latest
                            steps:
                              - run: echo started
                              - run: bash -c 'while [ ! -e "$1" ]; do sleep 0.1; done' hearth-crash-wait %s
                              - run: echo finished
                        """.formatted(gate));
            }
            List<RevCommit> commits = new ArrayList<>();
            for (int d = 1; d <= DELIVERIES; d++) {
                files.put("src/version.txt", "v" + d + "\n");
                commits.add(gh.commit("change " + d, files));
            }
            gh.push("main", "refs/heads/main");
            Path data = dir.resolve("data");
            Map<String, String> env = new HashMap<>(gh.env(data));
            env.put("PORT", Integer.toString(freePort()));
            env.put("MAX_CONCURRENT_WORKFLOWS", "20");
            int port = Integer.parseInt(env.get("PORT"));

            Process first = startServer(env, dir.resolve("first.log"));
            awaitHealthy(gh, port, first);
            for (int d = 0; d < DELIVERIES; d++) {
                RevCommit c = commits.get(d);
                assertThat(gh.deliver(port, "push", "push-" + d,
                        gh.pushPayload("refs/heads/main", d == 0 ? null : commits.get(d - 1), c, List.of(c))).statusCode())
                        .isBetween(200, 299);
            }
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                    .until(() -> waiting(gate).size() == DELIVERIES * WORKFLOWS);

            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> sandboxProcesses(data, gate).isEmpty());

            Files.writeString(gate, "open\n");
            Process second = startServer(env, dir.resolve("second.log"));
            awaitHealthy(gh, port, second);
            // every run reported with its real conclusion: the last status of each workflow on each commit
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> commits.stream()
                    .allMatch(c -> allSucceeded(gh, c)));
            second.destroy(); // SIGTERM: an orderly stop
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sandboxProcesses(data, gate)).as("sandbox processes left").isEmpty();

            try (Database db = Database.open(ServerConfig.load(env).database(), data.toAbsolutePath())) {
                DeliveryStore deliveries = new DeliveryStore(db, Clock.systemUTC());
                RunStore runs = new RunStore(db, Clock.systemUTC());
                for (int d = 0; d < DELIVERIES; d++) {
                    Delivery delivery = deliveries.find("push-" + d).orElseThrow();
                    assertThat(delivery.state().name()).isIn("DONE", "IGNORED", "FAILED");
                    List<Run> made = runs.forDelivery("push-" + d);
                    assertThat(made).hasSize(WORKFLOWS).allSatisfy(r -> {
                        assertThat(r.state()).isEqualTo(RunState.COMPLETED);
                        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
                        assertThat(r.attempts()).as("run %d was taken back after the crash", r.id()).isEqualTo(2);
                    });
                }
            }
        }
    }

    private static boolean allSucceeded(GitHubFixture gh, RevCommit commit) {
        for (int w = 1; w <= WORKFLOWS; w++) {
            List<String> states = gh.statuses(commit.name(), "hearth/w" + w);
            if (states.isEmpty() || !states.getLast().equals("success")) {
                return false;
            }
        }
        return true;
    }

    /** The steps waiting for the gate: one process per running workflow. */
    private static List<Long> waiting(Path gate) {
        return ProcFs.withCommandLineContaining(gate.toString());
    }

    /** Every process working in the server's data folder or waiting for the gate. */
    private static List<Long> sandboxProcesses(Path data, Path gate) {
        List<Long> all = new ArrayList<>(ProcFs.withCommandLineContaining(data.toAbsolutePath().toString()));
        all.addAll(waiting(gate));
        return all;
    }

    /** {@code hearth serve} without the CLI, in a JVM of its own so that it can be killed. */
    private Process startServer(Map<String, String> env, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "-Xmx384m",
                "-cp", System.getProperty("java.class.path"), ServerProcess.class.getName());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        servers.add(p);
        return p;
    }

    private static void awaitHealthy(GitHubFixture gh, int port, Process server) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("the server process is running").isTrue();
            try {
                return gh.get(port, "/readyz").statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
