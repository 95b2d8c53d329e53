package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.agent.AgentClient;
import dev.hearth.sandbox.agent.AgentSandbox;
import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox VM backends give, over the agent's frames only (commands and files alike), here with
 * the agent as a process of this machine so that what it did can be checked from outside.
 */
class AgentSandboxTest extends SandboxContract {
    private static final BackendInfo INFO = new BackendInfo("agent-local", BackendInfo.Isolation.PROCESS, Set.of());
    private final AtomicInteger releases = new AtomicInteger();

    @BeforeAll
    static void needsTheAgent() {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent: " + AgentBinary.reason());
    }

    @Override
    SandboxBackend backend() {
        return new SandboxBackend() {
            @Override
            public BackendInfo info() {
                return INFO;
            }

            @Override
            public Availability availability() {
                return Availability.yes("the agent of this machine");
            }

            @Override
            public Sandbox create(SandboxSpec spec) throws SandboxException {
                try {
                    AgentClient agent = AgentClient.start(AgentBinary.path().orElseThrow());
                    Path dir = spec.hostDir().toAbsolutePath();
                    return AgentSandbox.open(spec.name(), INFO, dir.toString(), spec.env(), agent, () -> {
                        releases.incrementAndGet();
                        try {
                            Trees.delete(dir);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                } catch (IOException e) {
                    throw new SandboxException(e.getMessage(), e);
                }
            }
        };
    }

    @Override
    boolean confinedToWorkRoot() {
        return false;
    }

    @Test
    void releasesTheMachineOnceWhateverTheNumberOfDestroys() {
        sandbox.destroy();
        sandbox.destroy();
        assertThat(releases).hasValue(1);
    }

    @Test
    void carriesFilesLargerThanOneFrameBothWays() throws Exception {
        byte[] content = new byte[1_300_000]; // three PUT frames
        new Random(7).nextBytes(content);
        sandbox.writeFile("big.bin", content);
        assertThat(Files.readAllBytes(hostDir.resolve("big.bin"))).isEqualTo(content);
        assertThat(sandbox.readFile("big.bin", content.length)).isEqualTo(content);
        assertThat(sh("wc -c < big.bin").stdout().strip()).isEqualTo(Integer.toString(content.length));
        sandbox.writeString("big.bin", "short now");
        assertThat(sandbox.readString("big.bin", 100)).isEqualTo("short now");
    }

    @Test
    void cutsWhatACommandPrintsPastItsLimit() throws Exception {
        Path dir = temp.resolve("bounded");
        AgentClient agent = AgentClient.start(AgentBinary.path().orElseThrow());
        Sandbox bounded = AgentSandbox.open("bounded", INFO, dir.toString(), PATH, agent, () -> { }, 10_000);
        try {
            CollectedOutput out = new CollectedOutput();
            ExitStatus status = bounded.exec(new ExecRequest(List.of("sh", "-c",
                    "head -c 1000000 /dev/zero | tr '\\0' x; echo tail >&2; exit 4"), Map.of(), dir.toString(), null), out);
            assertThat(status.code()).as("the command ran to its end").isEqualTo(4);
            assertThat(out.text()).hasSize(10_000).matches("x+");
            assertThat(out.errorText()).contains("went past 10000 bytes").doesNotContain("tail");
        } finally {
            bounded.destroy();
        }
    }

    @Test
    void refusesToReadWhatIsNoRegularFileWithoutHanging() throws Exception {
        assertThat(sh("mkfifo pipe").status().success()).isTrue();
        assertThatThrownBy(() -> sandbox.readFile("pipe", 100)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("not a regular file");
        assertThatThrownBy(() -> sandbox.readFile(".", 100)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("not a regular file");
        assertThat(sh("echo still answers").stdout()).isEqualTo("still answers\n");
    }

    @Test
    void deletesTreesItCannotEnterAtFirst() throws Exception {
        assertThat(sh("mkdir -p locked/inner && touch locked/inner/f && chmod 000 locked/inner").status().success())
                .isTrue();
        sandbox.delete("locked");
        assertThat(hostDir.resolve("locked")).doesNotExist();
    }

    @Test
    void connectsToAnAgentAlreadyRunningByPing() throws Exception {
        Process process = new ProcessBuilder(AgentBinary.path().orElseThrow().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        AgentClient.Connection connection = new AgentClient.Connection() {
            @Override
            public boolean isOpen() {
                return process.isAlive();
            }

            @Override
            public void close() {
                process.destroyForcibly();
            }
        };
        AgentClient agent = AgentClient.connect("test", process.getInputStream(), process.getOutputStream(),
                connection, Duration.ofSeconds(10));
        try {
            agent.makeDirectories(temp.resolve("connected").toString());
            assertThat(temp.resolve("connected")).isDirectory();
            assertThat(agent.stat(temp.resolve("connected").toString())).get()
                    .extracting(AgentClient.Stat::isDirectory).isEqualTo(true);
            assertThat(agent.stat(temp.resolve("nothing").toString())).isEmpty();
        } finally {
            agent.close();
        }
        assertThat(process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
}
