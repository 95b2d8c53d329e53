package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.process.Signals;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VM must not outlive the Hearth process that made it (acceptance 4 of issue 6). */
class QemuVmOwnerDeathTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    private Process owner;
    private final List<Long> toKill = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        if (owner != null) {
            owner.destroyForcibly();
        }
        toKill.forEach(pid -> Signals.toGroup(pid, Signals.KILL));
    }

    /** Starts a {@link VmOwner} JVM; returns its ready line's fields: qemu pid, folder, reaper pid. */
    private String[] startOwner(String mode) throws Exception {
        TestGuest.image();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        owner = new ProcessBuilder(java, "-cp", classPath, VmOwner.class.getName(), temp.resolve("vms").toString(), mode)
                .redirectError(new File(temp.toFile(), "owner.err")).start();
        String line = new BufferedReader(new InputStreamReader(owner.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertThat(line).as("the owner's first line (its stderr: %s)", temp.resolve("owner.err")).startsWith("ready ");
        String[] fields = line.split(" ");
        toKill.add(Long.parseLong(fields[1]));
        return new String[] {fields[1], fields[2], fields[3]};
    }

    @Test
    void killingTheOwnerLeavesNoQemu() throws Exception {
        String[] ready = startOwner("plain");
        long qemu = Long.parseLong(ready[0]);
        assertThat(ProcFs.isRunning(qemu)).isTrue();

        Signals.toProcesses(List.of(owner.pid()), Signals.KILL);

        await().atMost(PATIENCE).until(() -> !ProcFs.isRunning(qemu));
        assertThat(ProcFs.withCommandLineContaining(ready[1])).isEmpty();
    }

    @Test
    void aSweepKillsTheQemuOfADeadOwner() throws Exception {
        String[] ready = startOwner("paused");
        long qemu = Long.parseLong(ready[0]);
        Path folder = Path.of(ready[1]);
        // A crash that took the reaper too: nothing but a sweep is left to end this QEMU.
        Signals.toProcesses(List.of(Long.parseLong(ready[2])), Signals.KILL);
        Signals.toProcesses(List.of(owner.pid()), Signals.KILL);
        owner.waitFor();
        assertThat(ProcFs.isRunning(qemu)).as("the paused guest's QEMU outlived its owner").isTrue();

        List<Path> swept = QemuVm.sweep(temp.resolve("vms"));

        assertThat(swept).containsExactly(folder);
        assertThat(ProcFs.isRunning(qemu)).isFalse();
        assertThat(folder).doesNotExist();
    }

    @Test
    void aSweepLeavesLiveOwnersAlone() throws Exception {
        String[] ready = startOwner("plain");
        assertThat(QemuVm.sweep(temp.resolve("vms"))).isEmpty();
        assertThat(ProcFs.isRunning(Long.parseLong(ready[0]))).isTrue();
        assertThat(Path.of(ready[1])).exists();
        assertThat(Files.exists(Path.of(ready[1]).resolve("agent.sock"))).isTrue();
    }
}
