package dev.hearth.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every backend whose work root is a host directory must do; run once per backend by its
 * subclass.
 */
abstract class SandboxContract {
    static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
    static final Duration PATIENCE = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    Sandbox sandbox;
    Path hostDir;

    abstract SandboxBackend backend();

    /**
     * Whether file operations refuse paths outside the work root: a host sandbox shares the host's
     * file system, while in a VM the whole guest is the sandbox's own.
     */
    boolean confinedToWorkRoot() {
        return true;
    }

    @BeforeEach
    void createSandbox() throws Exception {
        hostDir = temp.resolve("sandbox");
        sandbox = backend().create(SandboxSpec.of("contract", hostDir).withEnv(PATH));
    }

    @AfterEach
    void destroySandbox() {
        sandbox.destroy();
    }

    record Result(ExitStatus status, String stdout, String stderr) {
    }

    Result sh(String script) throws Exception {
        return run(new ExecRequest(List.of("sh", "-c", script), Map.of(), sandbox.workRoot(), null));
    }

    Result run(ExecRequest request) throws Exception {
        CollectedOutput sink = new CollectedOutput();
        ExitStatus status = sandbox.exec(request, sink);
        return new Result(status, sink.text(), sink.errorText());
    }

    Execution startSh(String script, CollectedOutput sink) throws Exception {
        return sandbox.start(new ExecRequest(List.of("sh", "-c", script), Map.of(), sandbox.workRoot(), null), sink);
    }

    @Test
    void reportsExitCodes() throws Exception {
        assertThat(sh("exit 0").status().success()).isTrue();
        ExitStatus three = sh("exit 3").status();
        assertThat(three.code()).isEqualTo(3);
        assertThat(three.signal()).isZero();
        assertThat(three.success()).isFalse();
        ExitStatus killed = sh("kill -TERM $$").status();
        assertThat(killed.code()).isEqualTo(128 + 15);
        assertThat(killed.signal()).isEqualTo(15);
        assertThat(killed.timedOut()).isFalse();
    }

    @Test
    void keepsStdoutAndStderrApart() throws Exception {
        Result result = sh("echo out; echo err >&2; echo out2; printf 'no newline' >&2");
        assertThat(result.stdout()).isEqualTo("out\nout2\n");
        assertThat(result.stderr()).isEqualTo("err\nno newline");
    }

    @Test
    void deliversLargeOutputCompletely() throws Exception {
        int size = 5 * 1024 * 1024;
        Result result = sh("yes 0123456789abcdef | head -c " + size + "; yes fedcba | head -c " + size + " >&2");
        assertThat(result.status().success()).isTrue();
        assertThat(result.stdout()).hasSize(size).isEqualTo("0123456789abcdef\n".repeat(size / 17 + 1).substring(0, size));
        assertThat(result.stderr()).hasSize(size).isEqualTo("fedcba\n".repeat(size / 7 + 1).substring(0, size));
    }

    @Test
    void streamsOutputAsItComes() throws Exception {
        CollectedOutput sink = new CollectedOutput();
        String gate = sandbox.workRoot() + "/gate";
        Execution execution = startSh("echo first; while [ ! -e " + gate + " ]; do sleep 0.01; done; echo second", sink);
        // The command cannot end before the gate exists, so "first" must reach the sink while it runs.
        await().atMost(PATIENCE).until(() -> sink.text().equals("first\n"));
        assertThat(execution.isAlive()).isTrue();
        sandbox.writeString(gate, "");
        assertThat(execution.await().success()).isTrue();
        assertThat(sink.text()).isEqualTo("first\nsecond\n");
    }

    @Test
    void environmentIsExactlyTheSpecAndRequestEnvironment() throws Exception {
        sandbox.destroy();
        Map<String, String> specEnv = new HashMap<>(PATH);
        specEnv.putAll(Map.of("FROM_SPEC", "spec", "OVERRIDDEN", "spec"));
        sandbox = backend().create(SandboxSpec.of("env", temp.resolve("env")).withEnv(specEnv));
        Result result = run(new ExecRequest(List.of("env"),
                Map.of("OVERRIDDEN", "request", "FROM_REQUEST", "request value with spaces"), sandbox.workRoot(), null));
        Map<String, String> seen = new HashMap<>();
        for (String line : result.stdout().split("\n")) {
            int eq = line.indexOf('=');
            seen.put(line.substring(0, eq), line.substring(eq + 1));
        }
        assertThat(seen).containsEntry("FROM_SPEC", "spec")
                .containsEntry("OVERRIDDEN", "request")
                .containsEntry("FROM_REQUEST", "request value with spaces")
                .containsEntry("PATH", PATH.get("PATH"))
                .containsKey("HEARTH_SANDBOX_ID");
        assertThat(seen.keySet()).containsExactlyInAnyOrder(
                "FROM_SPEC", "OVERRIDDEN", "FROM_REQUEST", "PATH", "HEARTH_SANDBOX_ID");
        Set<String> hostOnly = new HashSet<>(System.getenv().keySet());
        hostOnly.remove("PATH");
        assertThat(hostOnly).as("the test JVM's own environment").isNotEmpty();
        assertThat(seen.keySet()).doesNotContainAnyElementsOf(hostOnly);
    }

    @Test
    void createsTheWorkingDirectory() throws Exception {
        String cwd = sandbox.workRoot() + "/a/b/c";
        Result result = run(ExecRequest.of(cwd, "pwd").withEnv(PATH));
        assertThat(result.stdout()).isEqualTo(cwd + "\n");
        assertThat(hostDir.resolve("a/b/c")).isDirectory();
        assertThat(run(ExecRequest.of("rel/dir", "pwd").withEnv(PATH)).stdout())
                .isEqualTo(sandbox.workRoot() + "/rel/dir\n");
    }

    @Test
    void workRootIsTheHostDirectoryAtTheSamePath() throws Exception {
        assertThat(sandbox.workRoot()).isEqualTo(hostDir.toAbsolutePath().toString());
        assertThat(sh("echo made by a command > made.txt").status().success()).isTrue();
        assertThat(Files.readString(hostDir.resolve("made.txt"))).isEqualTo("made by a command\n");
        Files.writeString(hostDir.resolve("from-host.txt"), "host");
        assertThat(sh("cat from-host.txt").stdout()).isEqualTo("host");
    }

    @Test
    void timeoutKillsTheWholeGroup() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        ExitStatus status = run(new ExecRequest(List.of("sh", "-c", "sleep " + mark + " & sleep " + mark),
                Map.of(), sandbox.workRoot(), Duration.ofMillis(300))).status();
        assertThat(status.timedOut()).isTrue();
        assertThat(status.success()).isFalse();
        assertThat(status.signal()).isEqualTo(9);
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
    }

    @Test
    void killEndsTheCommandAndItsGroup() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        Execution execution = startSh("sleep " + mark + " & sleep " + mark, new CollectedOutput());
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).size() == 2);
        execution.kill();
        ExitStatus status = execution.await();
        assertThat(status.signal()).isEqualTo(9);
        assertThat(status.timedOut()).isFalse();
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
        assertThatCode(() -> execution.signal(15)).as("signalling an ended command").doesNotThrowAnyException();
    }

    @Test
    void signalReachesATrapInTheCommand() throws Exception {
        assumeFalse(TestProcesses.sigintIgnored(), "this JVM was started with SIGINT ignored; its children cannot trap it");
        CollectedOutput sink = new CollectedOutput();
        Execution execution = startSh("trap 'echo got INT; exit 7' INT; echo armed; while :; do sleep 0.05; done", sink);
        await().atMost(PATIENCE).until(() -> sink.text().equals("armed\n"));
        execution.signal(2);
        ExitStatus status = execution.await();
        assertThat(sink.text()).isEqualTo("armed\ngot INT\n");
        assertThat(status.code()).isEqualTo(7);
        assertThat(status.signal()).isZero();
    }

    @Test
    void backgroundProcessOutlivesItsCommandUntilKillProcesses() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        // The background sleep keeps the command's stdout open; the command must still end.
        Result started = sh("sleep " + mark + " & echo $! > bg.pid; echo started");
        assertThat(started.status().success()).isTrue();
        assertThat(started.stdout()).isEqualTo("started\n");
        assertThat(sh("kill -0 \"$(cat bg.pid)\"").status().code()).as("alive in the next command").isZero();
        assertThat(TestProcesses.withArgument(mark)).hasSize(1);

        sandbox.killProcesses();
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
        assertThat(sh("echo still usable").stdout()).isEqualTo("still usable\n");
    }

    @Test
    void killProcessesAlsoFindsProcessesThatLeftTheirGroup() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        assertThat(sh("setsid sleep " + mark + " > /dev/null 2>&1 < /dev/null &").status().success()).isTrue();
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).size() == 1);
        sandbox.killProcesses();
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
    }

    @Test
    void destroyKillsEverythingRemovesTheDirectoryAndIsIdempotent() throws Exception {
        String mark = TestProcesses.uniqueSleep();
        assertThat(sh("sleep " + mark + " > /dev/null 2>&1 &").status().success()).isTrue();
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).size() == 1);
        assertThat(Sandboxes.live()).contains(sandbox);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> destroys = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            destroys.add(threads.submit(() -> {
                go.await();
                sandbox.destroy();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> destroy : destroys) {
            destroy.get();
        }
        threads.shutdown();

        assertThat(sandbox.isDestroyed()).isTrue();
        assertThat(hostDir).doesNotExist();
        assertThat(Sandboxes.live()).doesNotContain(sandbox);
        await().atMost(PATIENCE).until(() -> TestProcesses.withArgument(mark).isEmpty());
        assertThatCode(sandbox::destroy).doesNotThrowAnyException();
        assertThatThrownBy(() -> sh("true")).isInstanceOf(SandboxException.class).hasMessageContaining("destroyed");
    }

    @Test
    void runsCommandsSideBySide() throws Exception {
        CollectedOutput a = new CollectedOutput();
        CollectedOutput b = new CollectedOutput();
        String gate = sandbox.workRoot() + "/both-started";
        Execution first = startSh("echo a; while [ ! -e " + gate + " ]; do sleep 0.01; done; echo a done", a);
        Execution second = startSh("echo b; while [ ! -e " + gate + " ]; do sleep 0.01; done; echo b done >&2", b);
        await().atMost(PATIENCE).until(() -> a.text().equals("a\n") && b.text().equals("b\n"));
        sandbox.writeString(gate, "");
        assertThat(first.await().success()).isTrue();
        assertThat(second.await().success()).isTrue();
        assertThat(a.text()).isEqualTo("a\na done\n");
        assertThat(b.errorText()).isEqualTo("b done\n");
    }

    @Test
    void readsAndWritesFiles() throws Exception {
        String file = sandbox.workRoot() + "/deep/er/file.txt";
        sandbox.writeString(file, "héllo");
        assertThat(sandbox.exists(file)).isTrue();
        assertThat(sandbox.readString(file, 100)).isEqualTo("héllo");
        assertThat(sh("cat deep/er/file.txt").stdout()).isEqualTo("héllo");
        sandbox.writeFile(file, new byte[] {1, 2});
        assertThat(sandbox.readFile(file, 2)).containsExactly(1, 2);
        assertThatThrownBy(() -> sandbox.readFile(file, 1)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("larger than 1 bytes");
        assertThatThrownBy(() -> sandbox.readFile(sandbox.workRoot() + "/missing", 10))
                .isInstanceOf(SandboxException.class);
        sandbox.createDirectories("made/by/host");
        assertThat(hostDir.resolve("made/by/host")).isDirectory();
        assertThat(sandbox.exists("made/by")).isTrue();
        assertThat(sandbox.exists("nothing/here")).isFalse();
    }

    @Test
    void listsAndDeletesFilesAndTrees() throws Exception {
        sandbox.writeString("gone/a/b.txt", "x");
        sandbox.writeString("gone/c.txt", "y");
        sandbox.writeString("kept.txt", "z");
        assertThat(sandbox.list("gone")).containsExactly("a", "c.txt");
        assertThat(sandbox.list("nothing")).isEmpty();
        sandbox.delete("gone/c.txt");
        assertThat(sandbox.exists("gone/c.txt")).isFalse();
        sandbox.delete("gone");
        assertThat(sandbox.exists("gone")).isFalse();
        sandbox.delete("never/there");
        assertThat(sandbox.readString("kept.txt", 10)).isEqualTo("z");
        if (confinedToWorkRoot()) {
            assertThatThrownBy(() -> sandbox.delete("/etc")).isInstanceOf(SandboxException.class);
            assertThat(Path.of("/etc")).isDirectory();
        }
    }

    @Test
    void refusesPathsOutsideTheWorkRootWhenConfinedToIt() throws Exception {
        if (!confinedToWorkRoot()) {
            // the sandbox owns its whole file system: a path outside the work root is its own too
            String outside = temp.resolve("outside-work-root.txt").toString();
            sandbox.writeString(outside, "x");
            assertThat(sandbox.readString(outside, 10)).isEqualTo("x");
            return;
        }
        assertThatThrownBy(() -> sandbox.writeString("/etc/hearth-escape", "x"))
                .isInstanceOf(SandboxException.class).hasMessageContaining("outside the sandbox's work root");
        assertThatThrownBy(() -> sandbox.readFile(sandbox.workRoot() + "/../../etc/passwd", 100_000))
                .isInstanceOf(SandboxException.class).hasMessageContaining("outside");
        assertThat(sh("ln -s " + temp + " escape").status().success()).isTrue();
        assertThatThrownBy(() -> sandbox.writeString("escape/planted.txt", "x"))
                .isInstanceOf(SandboxException.class).hasMessageContaining("symbolic link");
        assertThat(temp.resolve("planted.txt")).doesNotExist();
        assertThatThrownBy(() -> sandbox.copyIn(temp, "escape/sub")).isInstanceOf(SandboxException.class);
    }

    @Test
    void copiesTreesInAndOut() throws Exception {
        Path source = temp.resolve("source");
        Files.createDirectories(source.resolve("nested/deeper"));
        Files.writeString(source.resolve("top.txt"), "top");
        Files.writeString(source.resolve("nested/deeper/leaf.txt"), "leaf");
        Path tool = source.resolve("nested/tool.sh");
        Files.writeString(tool, "#!/bin/sh\necho tool ran\n");
        Files.setPosixFilePermissions(tool, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        Files.createSymbolicLink(source.resolve("link"), Path.of("top.txt"));

        sandbox.copyIn(source, sandbox.workRoot() + "/in");
        assertThat(sh("cd in && find . | sort && cat link && nested/tool.sh").stdout()).isEqualTo(String.join("\n",
                ".", "./link", "./nested", "./nested/deeper", "./nested/deeper/leaf.txt", "./nested/tool.sh",
                "./top.txt", "top" + "tool ran", ""));

        assertThat(sh("echo made inside > in/nested/new.txt").status().success()).isTrue();
        Path out = temp.resolve("out/copy");
        sandbox.copyOut("in", out);
        assertThat(Files.readString(out.resolve("nested/new.txt"))).isEqualTo("made inside\n");
        assertThat(Files.readString(out.resolve("nested/deeper/leaf.txt"))).isEqualTo("leaf");
        assertThat(Files.isExecutable(out.resolve("nested/tool.sh"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(Path.of("top.txt"));
        try (Stream<Path> copied = Files.walk(out)) {
            assertThat(copied.count()).isEqualTo(8);
        }

        Path single = temp.resolve("single.txt");
        sandbox.copyOut(sandbox.workRoot() + "/in/top.txt", single);
        assertThat(Files.readString(single, StandardCharsets.UTF_8)).isEqualTo("top");
        sandbox.copyIn(single, "one/file.txt");
        assertThat(sandbox.readString("one/file.txt", 10)).isEqualTo("top");
    }
}
