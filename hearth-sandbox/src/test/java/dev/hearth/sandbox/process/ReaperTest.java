package dev.hearth.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReaperTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final List<Process> started = new ArrayList<>();
    private Reaper reaper;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process process : started) {
            Signals.toGroup(process.pid(), Signals.KILL);
        }
        if (reaper != null) {
            reaper.closeAndWait();
        }
    }

    /** Starts {@code sh -c script} as the leader of a new session and group, as the backends do. */
    private Process leader(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/setsid", "/bin/sh", "-c", script))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private static String uniqueSleep() {
        return "1000." + ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE);
    }

    private static boolean running(String sleep) {
        return ProcFs.pids().stream().anyMatch(pid -> {
            try {
                return List.of(Files.readString(Path.of("/proc", pid + "/cmdline")).split("\0")).contains(sleep);
            } catch (Exception e) {
                return false;
            }
        });
    }

    @Test
    void runsInItsOwnSessionIgnoringTerminalSignals() throws Exception {
        reaper = Reaper.start();
        // Until the script runs, the pid may still be Java's spawn helper, in the JVM's session.
        await().atMost(PATIENCE).until(() -> sigIgnored(reaper.pid()));
        String stat = Files.readString(Path.of("/proc", reaper.pid() + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        assertThat(fields[3]).as("session").isEqualTo(Long.toString(reaper.pid()));
        for (int signal : new int[] {1, 2, 15}) {
            Signals.toProcesses(List.of(reaper.pid()), signal);
        }
        // Still there, and still doing its job below.
        String sleep = uniqueSleep();
        Process group = leader("sleep " + sleep, Map.of());
        reaper.watchGroup(group.pid());
        await().atMost(PATIENCE).until(() -> running(sleep));
        assertThat(reaper.isAlive()).isTrue();
        reaper.closeAndWait();
        await().atMost(PATIENCE).until(() -> !running(sleep));
    }

    private static boolean sigIgnored(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", pid + "/status"))) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                long wanted = (1L << 0) | (1L << 1) | (1L << 14); // HUP, INT, TERM
                return (mask & wanted) == wanted;
            }
        }
        return false;
    }

    @Test
    void killsRegisteredGroupsWhenItsStdinCloses() throws Exception {
        reaper = Reaper.start();
        String inGroup = uniqueSleep();
        String child = uniqueSleep();
        String unregistered = uniqueSleep();
        String forgotten = uniqueSleep();
        Process watched = leader("sleep " + child + " & sleep " + inGroup, Map.of());
        Process other = leader("sleep " + unregistered, Map.of());
        Process dropped = leader("sleep " + forgotten, Map.of());
        reaper.watchGroup(watched.pid());
        reaper.watchGroup(dropped.pid());
        reaper.forgetGroup(dropped.pid());
        await().atMost(PATIENCE).until(() -> running(inGroup) && running(child) && running(unregistered) && running(forgotten));

        reaper.closeAndWait(); // what the JVM's death does to the pipe

        await().atMost(PATIENCE).until(() -> !running(inGroup) && !running(child));
        assertThat(running(unregistered)).as("a group never registered").isTrue();
        assertThat(running(forgotten)).as("a group registered, then forgotten").isTrue();
        assertThat(other.isAlive()).isTrue();
    }

    @Test
    void killsProcessesCarryingARegisteredMarkerEvenInOtherSessions() throws Exception {
        reaper = Reaper.start();
        SandboxMarker marker = SandboxMarker.fresh();
        SandboxMarker other = SandboxMarker.fresh();
        String marked = uniqueSleep();
        String otherMarked = uniqueSleep();
        // The inner setsid puts the sleep in a session the reaper was never told about.
        leader("setsid sleep " + marked + " &", Map.of(SandboxMarker.VARIABLE, marker.value()));
        leader("sleep " + otherMarked, Map.of(SandboxMarker.VARIABLE, other.value()));
        reaper.watchMarker(marker);
        reaper.watchMarker(other);
        reaper.forgetMarker(other);
        await().atMost(PATIENCE).until(() -> running(marked) && running(otherMarked));

        reaper.closeAndWait();

        await().atMost(PATIENCE).until(() -> !running(marked));
        assertThat(running(otherMarked)).isTrue();
        marker.killAll();
        assertThat(marker.processes()).isEmpty();
    }

    @Test
    void theSharedReaperIsStartedOnce() throws Exception {
        Reaper first = Reaper.shared();
        assertThat(Reaper.shared()).isSameAs(first);
        assertThat(first.isAlive()).isTrue();
    }
}
