package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sandbox.bwrap.BwrapBackend;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sandboxes must not outlive the JVM that made them, however it ends: {@code System.exit} runs the
 * {@link Sandboxes} shutdown hook; SIGKILL runs nothing, and the reaper cleans up.
 */
class JvmDeathTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    private static List<String> backends() {
        List<String> backends = new ArrayList<>(List.of("host"));
        if (new BwrapBackend().availability().available()) {
            backends.add("bwrap");
        }
        return backends;
    }

    /** Starts a {@link SandboxHolder} and waits until its sandboxes hold their sleeps. */
    private String startHolder(List<String> backends) throws Exception {
        String mark = TestProcesses.uniqueSleep();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, SandboxHolder.class.getName(),
                temp.toString(), mark));
        command.addAll(backends);
        holder = new ProcessBuilder(command).redirectError(new File(temp.toFile(), "holder.err")).start();
        String firstLine = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        assertThat(firstLine).as("the holder's first line (its stderr is in holder.err)").isEqualTo("ready");
        // Per backend: a background sleep and a foreground one (under bwrap its nsenter carries the mark too).
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).size() >= 2 * backends.size());
        return mark;
    }

    @Test
    void sigkillOfTheJvmLeavesNoProcessBehind() throws Exception {
        List<String> backends = backends();
        String mark = startHolder(backends);
        holder.toHandle().destroyForcibly();
        assertThat(holder.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).isEqualTo(137);
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
    }

    @Test
    void systemExitDestroysEverySandboxThroughTheShutdownHook() throws Exception {
        List<String> backends = backends();
        String mark = startHolder(backends);
        for (String backend : backends) {
            assertThat(temp.resolve(backend)).isDirectory();
        }
        try (OutputStream stdin = holder.getOutputStream()) {
            stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(holder.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(holder.exitValue()).isZero();
        // Only the hook deletes the host directories; the reaper kills but deletes nothing.
        for (String backend : backends) {
            assertThat(temp.resolve(backend)).doesNotExist();
        }
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
    }
}
