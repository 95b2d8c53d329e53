package dev.hearth.sandbox;

import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.agent.AgentClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** EXEC_AFTER: a command queued behind another starts only when that one ended cleanly. */
class AgentQueueTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/bin:/bin");
    private AgentClient agent;
    @TempDir
    Path tmp;

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

    private Execution first(String script) throws Exception {
        return agent.start(List.of("sh", "-c", script), PATH, tmp.toString(), null, null, new CollectedOutput(), p -> { });
    }

    private QueuedExecution after(Execution previous, List<String> files, String script, CollectedOutput sink)
            throws Exception {
        return agent.startAfter(previous, files, List.of("sh", "-c", script), PATH, tmp.toString(), null, null, null, sink,
                p -> { });
    }

    @Test
    void startsRightAfterACleanEndAndKeepsItsOwnOutput() throws Exception {
        Path flag = tmp.resolve("flag");
        Execution one = first("sleep 0.2; echo one; touch " + flag);
        CollectedOutput sink = new CollectedOutput();
        QueuedExecution two = after(one, List.of(tmp.resolve("env").toString()), "test -f " + flag + " && echo two", sink);
        assertThat(two.awaitStart()).isTrue();
        assertThat(two.await().code()).isZero();
        assertThat(sink.text()).isEqualTo("two\n");
        assertThat(one.await().code()).isZero();
    }

    @Test
    void dropsAfterAFailureAMarkerOrAWrittenFile() throws Exception {
        QueuedExecution afterFailure = after(first("sleep 0.1; exit 1"), List.of(), "echo no", new CollectedOutput());
        assertThat(afterFailure.awaitStart()).isFalse();
        assertThat(afterFailure.dropReason()).contains("did not end cleanly");
        assertThat(afterFailure.await().code()).isEqualTo(-1);

        // a marker split across two writes still counts
        QueuedExecution afterMarker = after(first("sleep 0.1; printf ':'; sleep 0.05; printf ':notice::hi\\n'"), List.of(),
                "echo no", new CollectedOutput());
        assertThat(afterMarker.awaitStart()).isFalse();
        QueuedExecution afterLegacy = after(first("sleep 0.1; echo '##[warning]x' >&2"), List.of(), "echo no",
                new CollectedOutput());
        assertThat(afterLegacy.awaitStart()).isFalse();

        Path env = tmp.resolve("set_env");
        QueuedExecution afterFile = after(first("sleep 0.1; echo A=1 > " + env), List.of(env.toString()), "echo no",
                new CollectedOutput());
        assertThat(afterFile.awaitStart()).isFalse();
        assertThat(afterFile.dropReason()).contains("command file");

        Files.writeString(env, "");
        QueuedExecution emptyFile = after(first("sleep 0.1; : > " + env + "; echo 'a : b # c'"), List.of(env.toString()),
                "echo yes", new CollectedOutput());
        assertThat(emptyFile.awaitStart()).isTrue();
    }

    @Test
    void aSignalWhileQueuedDropsItAndAnEndedPredecessorIsRemembered() throws Exception {
        Execution slow = first("sleep 5");
        QueuedExecution queued = after(slow, List.of(), "echo no", new CollectedOutput());
        queued.signal(2);
        assertThat(queued.awaitStart()).isFalse();
        assertThat(queued.dropReason()).contains("signalled");
        slow.kill();
        slow.await();

        Execution quick = first("true");
        assertThat(quick.await().code()).isZero();
        CollectedOutput sink = new CollectedOutput();
        QueuedExecution late = after(quick, List.of(), "echo late", sink);
        assertThat(late.awaitStart()).isTrue();
        late.await();
        assertThat(sink.text()).isEqualTo("late\n");
    }

    @Test
    void theTimeoutCountsFromTheStart() throws Exception {
        // counted from the queueing, the limit would run out while the first command still sleeps
        Execution one = first("sleep 1");
        QueuedExecution two = agent.startAfter(one, List.of(), List.of("sh", "-c", "sleep 0.2; echo done"), PATH,
                tmp.toString(), null, Duration.ofMillis(800), null, new CollectedOutput(), p -> { });
        assertThat(two.awaitStart()).isTrue();
        ExitStatus status = two.await();
        assertThat(status.timedOut()).isFalse();
        assertThat(status.code()).isZero();
    }

    @Test
    void aDeadlineCapsTheTimeoutOfALateStart() throws Exception {
        Execution one = first("sleep 0.5");
        QueuedExecution two = agent.startAfter(one, List.of(), List.of("sleep", "30"), PATH, tmp.toString(), null,
                Duration.ofSeconds(60), java.time.Instant.now().plusMillis(900), new CollectedOutput(), p -> { });
        assertThat(two.awaitStart()).isTrue();
        ExitStatus status = two.await();
        assertThat(status.timedOut()).isTrue();
        assertThat(status.signal()).isEqualTo(9);
    }

    @Test
    void aCommandsFileExistsOnlyWhileItRunsAndNeverForOneDropped() throws Exception {
        Path script = tmp.resolve("step.sh");
        Path seen = tmp.resolve("seen");
        Execution one = first("sleep 0.2; test -e " + script + " || echo absent > " + seen);
        CollectedOutput sink = new CollectedOutput();
        QueuedExecution two = agent.startAfter(one, List.of(), List.of("sh", script.toString()), PATH, tmp.toString(),
                new ExecRequest.File(script.toString(), "echo \"ran $0\"\n".getBytes()), null, null, sink, p -> { });
        assertThat(two.awaitStart()).isTrue();
        assertThat(two.await().code()).isZero();
        assertThat(Files.readString(seen)).isEqualTo("absent\n"); // not written while the one before ran
        assertThat(sink.text()).isEqualTo("ran " + script + "\n");
        assertThat(script).doesNotExist(); // deleted once it ended

        Path never = tmp.resolve("never.sh");
        QueuedExecution dropped = agent.startAfter(first("sleep 0.1; exit 3"), List.of(), List.of("sh", never.toString()),
                PATH, tmp.toString(), new ExecRequest.File(never.toString(), "echo no\n".getBytes()), null, null,
                new CollectedOutput(), p -> { });
        assertThat(dropped.awaitStart()).isFalse();
        assertThat(never).doesNotExist();
    }

    @Test
    void refusesToWriteOverAnythingAlreadyThere() throws Exception {
        Path target = tmp.resolve("elsewhere");
        Path planted = tmp.resolve("planted.sh");
        Files.createSymbolicLink(planted, target); // a link a command left where the next script goes
        CollectedOutput sink = new CollectedOutput();
        ExitStatus status = agent.start(List.of("sh", planted.toString()), PATH, tmp.toString(),
                new ExecRequest.File(planted.toString(), "echo no\n".getBytes()), null, sink, p -> { }).await();
        assertThat(status.code()).isEqualTo(126);
        assertThat(sink.errorText()).contains("cannot write " + planted);
        assertThat(target).doesNotExist();
    }
}
