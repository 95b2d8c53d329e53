package dev.hearth.sandbox.vm.firecracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.process.ProcFs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM must not outlive the Hearth that made it: when its JVM is killed with SIGKILL the reaper kills
 * the VM's process (and the guest with it), and the next Hearth's sweep removes its folder.
 */
class FirecrackerJvmDeathTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    private Process holder;

    @AfterEach
    void stopHolder() {
        if (holder != null) {
            holder.destroyForcibly();
        }
    }

    @Test
    void sigkillOfHearthLeavesNoVmBehindAndTheSweepRemovesItsFolder() throws Exception {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent (no C compiler at build time): " + AgentBinary.reason());
        // a sleep of a length no other process has, to find the guest's command by
        String mark = Integer.toString(100_000 + ThreadLocalRandom.current().nextInt(800_000));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        holder = new ProcessBuilder(List.of(java, "-cp", classPath, FirecrackerHolder.class.getName(), tmp.toString(),
                mark)).redirectError(tmp.resolve("holder.err").toFile()).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line = lines.readLine();
        while (line != null && !line.equals("ready")) {
            line = lines.readLine(); // a log line of the holder's
        }
        assertThat(line).as("the holder's ready line (its stderr is in holder.err)").isEqualTo("ready");
        StandIn standIn = new StandIn(tmp);
        assertThat(standIn.processes()).as("the VM's processes").isNotEmpty();
        assertThat(ProcFs.withCommandLineContaining("sleep\0" + mark)).hasSize(1);

        holder.toHandle().destroyForcibly();
        assertThat(holder.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(standIn.processes()).as("the VM's processes").isEmpty();
            assertThat(ProcFs.withCommandLineContaining("sleep\0" + mark)).as("the guest's command").isEmpty();
        });
        assertThat(standIn.folders()).hasSize(1); // nobody was left to remove it

        assertThat(new FirecrackerBackend(standIn.settings()).sweep()).hasSize(1);
        assertThat(standIn.folders()).isEmpty();
        assertThat(standIn.violations()).isEmpty();
    }
}
