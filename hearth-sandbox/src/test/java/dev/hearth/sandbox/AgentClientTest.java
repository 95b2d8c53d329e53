package dev.hearth.sandbox;

import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.agent.AgentClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The exec agent's protocol, end to end with the real program the build made. */
class AgentClientTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");
    private AgentClient agent;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent: " + AgentBinary.reason());
        agent = AgentClient.start(AgentBinary.path().get());
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    private Execution run(String script, CollectedOutput sink, AtomicLong pid) throws Exception {
        return agent.start(List.of("sh", "-c", script), PATH, "/tmp", null, null, sink, pid::set);
    }

    @Test
    void runsCommandsWithTheirOwnEnvironmentPathAndGroup() throws Exception {
        CollectedOutput sink = new CollectedOutput();
        AtomicLong pid = new AtomicLong();
        ExitStatus status = agent.start(List.of("sh", "-c", "echo \"$A $PWD\"; echo err >&2; "
                        + "cut -d' ' -f5 /proc/$$/stat; exit 3"), Map.of("PATH", "/usr/bin:/bin", "A", "hi"), "/tmp", null,
                null, sink, pid::set).await();
        assertThat(status.code()).isEqualTo(3);
        assertThat(sink.text()).isEqualTo("hi /tmp\n" + pid.get() + "\n");
        assertThat(sink.errorText()).isEqualTo("err\n");
    }

    @Test
    void reportsSignalsTimeoutsAndMissingPrograms() throws Exception {
        CollectedOutput sink = new CollectedOutput();
        Execution e = run("trap 'exit 7' INT; while :; do sleep 0.05; done", sink, new AtomicLong());
        Thread.sleep(200);
        e.signal(2);
        assertThat(e.await().code()).isEqualTo(7);
        ExitStatus timedOut = agent.start(List.of("sleep", "30"), PATH, "/tmp", null, Duration.ofMillis(200),
                new CollectedOutput(), p -> { }).await();
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.signal()).isEqualTo(9);
        CollectedOutput missing = new CollectedOutput();
        ExitStatus notFound = agent.start(List.of("no-such-program-here"), PATH, "/tmp", null, null, missing, p -> { })
                .await();
        assertThat(notFound.code()).isEqualTo(127);
        assertThat(missing.errorText()).contains("no-such-program-here");
    }

    @Test
    void aBackgroundProcessHoldingThePipesDoesNotHoldTheExit() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        CollectedOutput sink = new CollectedOutput();
        ExitStatus s = run("sleep " + mark + " & echo started", sink, new AtomicLong()).await();
        assertThat(s.code()).isZero();
        assertThat(sink.text()).isEqualTo("started\n");
        assertThat(TestProcesses.withArgument(mark)).hasSize(1);
        agent.close(); // the agent kills what its commands left behind
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!TestProcesses.withArgument(mark).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(TestProcesses.withArgument(mark)).isEmpty();
        assertThatThrownBy(() -> run("true", new CollectedOutput(), new AtomicLong())).hasMessageContaining("gone");
    }

    @Test
    void commandsGetNoDescriptorBeyondTheirThreeStreams() throws Exception {
        CollectedOutput sink = new CollectedOutput();
        // "; true" keeps the shell from exec'ing ls, so $$ is the shell the agent started
        assertThat(run("ls /proc/$$/fd; true", sink, new AtomicLong()).await().code()).isZero();
        assertThat(sink.text()).isEqualTo("0\n1\n2\n");
    }

    @Test
    void outputWrittenJustBeforeExitingAfterAQuietSpellIsKept() throws Exception {
        // Side by side, so the agent often wakes for another command between one's last write and exit.
        List<CollectedOutput> sinks = new ArrayList<>();
        List<Execution> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            CollectedOutput sink = new CollectedOutput();
            sinks.add(sink);
            runs.add(run("sleep 0.2; echo out-" + i + "; echo err-" + i + " >&2", sink, new AtomicLong()));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(runs.get(i).await().code()).isZero();
            assertThat(sinks.get(i).text()).isEqualTo("out-" + i + "\n");
            assertThat(sinks.get(i).errorText()).isEqualTo("err-" + i + "\n");
        }
    }

    @Test
    void aSignalSentRightAfterStartIsNotLost() throws Exception {
        // start() does not wait for the agent's answer: the signal may reach the child before its setsid().
        for (int i = 0; i < 20; i++) {
            Execution e = agent.start(List.of("sleep", "30"), PATH, "/tmp", null, null, new CollectedOutput(), p -> { });
            e.signal(15);
            assertThat(e.await().signal()).isEqualTo(15);
        }
    }

    @Test
    void theAgentIgnoresInterruptsFromATerminal() throws Exception {
        for (String signal : List.of("-INT", "-TERM", "-HUP")) {
            assertThat(new ProcessBuilder("kill", signal, Long.toString(agent.pid())).start().waitFor()).isZero();
        }
        CollectedOutput sink = new CollectedOutput();
        assertThat(run("echo still here", sink, new AtomicLong()).await().code()).isZero();
        assertThat(sink.text()).isEqualTo("still here\n");
        assertThat(agent.isAlive()).isTrue();
    }

    @Test
    void commandsTheAgentCannotStartEndLikeInAShell() throws Exception {
        // The agent runs at most 256 commands at once; the next is refused, not queued or lost.
        List<Execution> sleeping = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            sleeping.add(agent.start(List.of("sleep", "30"), PATH, "/tmp", null, null, new CollectedOutput(), p -> { }));
        }
        CollectedOutput sink = new CollectedOutput();
        Execution refused = agent.start(List.of("sleep", "30"), PATH, "/tmp", null, null, sink, p -> { });
        assertThat(refused.await().code()).isEqualTo(126);
        assertThat(sink.errorText()).startsWith("hearth: cannot start sleep: ");
        assertThat(sleeping).allMatch(Execution::isAlive);
        agent.close();
        for (Execution e : sleeping) {
            assertThat(e.await()).isNotNull();
        }
    }

    @Test
    void commandsEndWithAClearFailureWhenTheAgentDies() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        CollectedOutput sink = new CollectedOutput();
        AtomicLong pid = new AtomicLong();
        Execution e = agent.start(List.of("sleep", mark), PATH, "/tmp", null, null, sink, pid::set);
        agent.awaitStarts(Duration.ofSeconds(10));
        try {
            ProcessHandle.of(agent.pid()).orElseThrow().destroyForcibly();
            ExitStatus status = e.await();
            assertThat(status.code()).isEqualTo(255);
            assertThat(sink.errorText()).contains("the exec agent ended");
            assertThatThrownBy(() -> run("true", new CollectedOutput(), new AtomicLong()))
                    .hasMessageContaining("gone");
        } finally {
            // killed with SIGKILL, the agent could not clean up: the test does
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid.get()).start().waitFor();
        }
        assertThat(pid.get()).isPositive();
    }
}
