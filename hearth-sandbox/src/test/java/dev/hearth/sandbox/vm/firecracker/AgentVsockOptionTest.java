package dev.hearth.sandbox.vm.firecracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.agent.AgentBinary;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's {@code --vsock-listen PORT}, which a Firecracker guest's init uses: it waits for the
 * host on vsock instead of speaking on stdio, and refuses what is not a port. No vsock connection can
 * be made on this host (no vsock loopback), so the protocol over vsock itself is exercised only in a
 * real guest; here the stand-in relays the same protocol over stdio.
 */
class AgentVsockOptionTest {
    @BeforeAll
    static void needsTheAgent() {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent (no C compiler at build time): " + AgentBinary.reason());
    }

    private static Process agent(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = AgentBinary.path().orElseThrow().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        return new ProcessBuilder(command).start();
    }

    @Test
    void refusesWhatIsNotAPort() throws Exception {
        for (String[] args : new String[][] {{"--vsock-listen", "fifty"}, {"--vsock-listen", "99999999999"},
                {"--vsock-listen"}, {"--serial"}}) {
            Process p = agent(args);
            p.getOutputStream().close();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                    .containsAnyOf("not a vsock port", "usage: hearth-agent [--vsock-listen PORT]");
            assertThat(p.getInputStream().readAllBytes()).as("nothing on stdout").isEmpty();
        }
    }

    @Test
    void waitsForTheHostOnVsockAndIgnoresStdio() throws Exception {
        Process p = agent("--vsock-listen", "10789");
        try {
            p.getOutputStream().close(); // on stdio, the end of input would end the agent at once
            boolean ended = p.waitFor(1, TimeUnit.SECONDS);
            String error = ended ? new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8) : "";
            assumeTrue(!error.contains("cannot listen"), "no vsock on this host: " + error.strip());
            assertThat(ended).as("the agent waits for a vsock connection").isFalse();
            assertThat(p.getInputStream().available()).as("no greeting on stdout").isZero();
        } finally {
            p.destroyForcibly();
        }
    }
}
