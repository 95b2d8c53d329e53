package dev.hearth.cli;

import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.process.ProcFs;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 3, acceptance 3: killing {@code hearth run} with SIGKILL leaves no process behind, on either
 * backend — not the step's foreground process, not what it started in the background.
 */
class RunSigkillTest {
    @TempDir
    Path dir;
    private Process hearth;

    @AfterEach
    void stop() {
        if (hearth != null) {
            hearth.destroyForcibly();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"host", "bwrap"})
    void sigkillLeavesNothingRunning(String backend) throws Exception {
        var availability = Backends.named(backend).availability();
        assumeTrue(availability.available(), backend + " backend not available: " + availability.reason());
        String mark = "hearth-sigkill-" + backend + "-" + System.nanoTime();
        hearth = startRun(hangingWorkflow("""
                      - run: |
                          (exec -a %1$s-background sleep 300) &
                          exec -a %1$s-foreground sleep 300
                """.formatted(mark)), backend);
        awaitWhileRunning(() -> withArgument(mark).size() >= 2, 60, "the step's processes never appeared");
        hearth.destroyForcibly();
        assertThat(hearth.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!withArgument(mark).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(withArgument(mark)).as("processes left behind after SIGKILL").isEmpty();
    }

    /** Issue 6, acceptance 4: the same for a microVM, whose QEMU must go with the JVM that started it. */
    @org.junit.jupiter.api.Test
    void sigkillLeavesNoQemu() throws Exception {
        var availability = Backends.named("qemu").availability();
        assumeTrue(availability.available(), "qemu backend not available: " + availability.reason());
        List<Long> before = ProcFs.withCommandLineContaining("qemu-system-x86_64");
        hearth = startRun(hangingWorkflow("""
                      - run: |
                          sleep 300 &
                          echo "step is running in the guest"
                          sleep 300
                """), "qemu");
        awaitWhileRunning(() -> output().contains("step is running in the guest"), 120, "the step never started");
        List<Long> during = new ArrayList<>(ProcFs.withCommandLineContaining("qemu-system-x86_64"));
        during.removeAll(before);
        assertThat(during).as("the run's QEMU").isNotEmpty();
        hearth.destroyForcibly();
        assertThat(hearth.waitFor(30, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (during.stream().anyMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(during).as("QEMU left behind after SIGKILL")
                .noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /** A workflow of one job whose steps are {@code steps}, in a fresh repository folder; returns its file. */
    private Path hangingWorkflow(String steps) throws IOException {
        Path workflow = dir.resolve("repo/.github/workflows/hang.yml");
        Files.createDirectories(workflow.getParent());
        Files.writeString(workflow, """
                on: push
                jobs:
                  hang:
                    runs-on: ubuntu-latest
                    steps:
                """ + steps);
        return workflow;
    }

    /** What the run printed so far, stderr first. */
    private String output() throws IOException {
        return Files.readString(dir.resolve("err.txt")) + Files.readString(dir.resolve("out.txt"));
    }

    /** A condition that may need to read files. */
    private interface Check {
        boolean holds() throws Exception;
    }

    /** Waits for {@code ready}; fails when the run ends first or {@code seconds} pass ({@code never} says what). */
    private void awaitWhileRunning(Check ready, long seconds, String never) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!ready.holds()) {
            assertThat(hearth.isAlive()).as("hearth run ended early: " + output()).isTrue();
            assertThat(System.nanoTime()).as(never).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** {@code hearth run} of the workflow in its own JVM, from its repository, output in out.txt and err.txt. */
    private Process startRun(Path workflow, String backend) throws IOException, InterruptedException {
        Path repo = dir.resolve("repo");
        git(repo, "init", "-q", "-b", "main");
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-cp", classPath, Main.class.getName(), "run", "--backend", backend,
                "--work-dir", dir.resolve("work").toString(), "-W", workflow.toString())
                .directory(repo.toFile())
                .redirectOutput(new File(dir.toFile(), "out.txt"))
                .redirectError(new File(dir.toFile(), "err.txt")).start();
    }

    private static void git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }

    private static List<Long> withArgument(String text) {
        return ProcFs.withCommandLineContaining(text);
    }
}
