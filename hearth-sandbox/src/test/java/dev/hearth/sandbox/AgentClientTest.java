package dev.hearth.sandbox;

import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.agent.AgentClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

    private Execution run(String script, CollectingSink sink, AtomicLong pid) throws Exception {
        return agent.start(List.of("sh", "-c", script), PATH, "/tmp", null, sink, pid::set);
    }

    @Test
    void runsCommandsWithTheirOwnEnvironmentPathAndGroup() throws Exception {
        CollectingSink sink = new CollectingSink();
        AtomicLong pid = new AtomicLong();
        ExitStatus status = agent.start(List.of("sh", "-c", "echo \"$A $PWD\"; echo err >&2; "
                        + "cut -d' ' -f5 /proc/$$/stat; exit 3"), Map.of("PATH", "/usr/bin:/bin", "A", "hi"), "/tmp",
                null, sink, pid::set).await();
        assertThat(status.code()).isEqualTo(3);
        assertThat(sink.stdout()).isEqualTo("hi /tmp\n" + pid.get() + "\n");
        assertThat(sink.stderr()).isEqualTo("err\n");
    }

    @Test
    void reportsSignalsTimeoutsAndMissingPrograms() throws Exception {
        CollectingSink sink = new CollectingSink();
        Execution e = run("trap 'exit 7' INT; while :; do sleep 0.05; done", sink, new AtomicLong());
        Thread.sleep(200);
        e.signal(2);
        assertThat(e.await().code()).isEqualTo(7);
        ExitStatus timedOut = agent.start(List.of("sleep", "30"), PATH, "/tmp", Duration.ofMillis(200),
                new CollectingSink(), p -> { }).await();
        assertThat(timedOut.timedOut()).isTrue();
        assertThat(timedOut.signal()).isEqualTo(9);
        CollectingSink missing = new CollectingSink();
        ExitStatus notFound = agent.start(List.of("no-such-program-here"), PATH, "/tmp", null, missing, p -> { })
                .await();
        assertThat(notFound.code()).isEqualTo(127);
        assertThat(missing.stderr()).contains("no-such-program-here");
    }

    @Test
    void aBackgroundProcessHoldingThePipesDoesNotHoldTheExit() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        CollectingSink sink = new CollectingSink();
        ExitStatus s = run("sleep " + mark + " & echo started", sink, new AtomicLong()).await();
        assertThat(s.code()).isZero();
        assertThat(sink.stdout()).isEqualTo("started\n");
        assertThat(TestProcesses.withArgument(mark)).hasSize(1);
        agent.close(); // the agent kills what its commands left behind
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!TestProcesses.withArgument(mark).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(TestProcesses.withArgument(mark)).isEmpty();
        assertThatThrownBy(() -> run("true", new CollectingSink(), new AtomicLong())).hasMessageContaining("gone");
    }
}
