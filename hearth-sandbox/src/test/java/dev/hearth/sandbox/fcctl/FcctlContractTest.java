package dev.hearth.sandbox.fcctl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.Sandboxes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import org.slf4j.LoggerFactory;

/**
 * The fcctl backend against a local fcctl-web stand-in ({@link FakeFcctlWeb}) that runs every command
 * for real: the sandbox's behaviour through the {@link Sandbox} interface, the HTTP timeouts, and
 * every failure path, each of which must leave no VM allocated on the server.
 */
class FcctlContractTest {
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.hearth-test.s3cr3t-signature";
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);
    private static final int DELETE_ATTEMPTS = 4;

    @TempDir
    Path temp;

    private FakeFcctlWeb fake;
    private RecordingHttpClient http;
    private FcctlSettings settings;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger fcctlLogger = (Logger) LoggerFactory.getLogger("dev.hearth.sandbox.fcctl");
    private final List<Sandbox> made = new ArrayList<>();
    private boolean leakExpected;
    private boolean badRequestsExpected;

    @BeforeEach
    void startFake() throws Exception {
        fake = new FakeFcctlWeb(TOKEN, temp.resolve("guest"), temp.resolve("fake-state"));
        http = new RecordingHttpClient();
        settings = FcctlSettings.of(fake.url(), TOKEN)
                .withGuestDir(temp.resolve("guest").toString())
                .withCreation(Duration.ofSeconds(10), Duration.ofMillis(20))
                .withCallTimeout(CALL_TIMEOUT)
                .withDeleteRetries(DELETE_ATTEMPTS, Duration.ofMillis(10));
        logs.start();
        fcctlLogger.addAppender(logs);
        fcctlLogger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void nothingLeftAllocated() {
        try {
            made.forEach(Sandbox::destroy);
            if (!leakExpected) {
                assertThat(fake.liveVms()).as("VMs left on the server").isEmpty();
            }
            if (!badRequestsExpected) {
                assertThat(fake.badRequests()).as("malformed requests the client sent").isEmpty();
            }
            assertThat(logs.list).as("log lines").noneMatch(e -> e.getFormattedMessage().contains(TOKEN)
                    || (e.getThrowableProxy() != null && e.getThrowableProxy().getMessage() != null
                    && e.getThrowableProxy().getMessage().contains(TOKEN)));
        } finally {
            fcctlLogger.detachAppender(logs);
            fake.close();
        }
    }

    private FcctlBackend backend() {
        return new FcctlBackend(settings, http);
    }

    private FcctlSandbox create(String name) throws SandboxException {
        FcctlSandbox sandbox = (FcctlSandbox) backend().create(spec(name));
        made.add(sandbox);
        return sandbox;
    }

    private SandboxSpec spec(String name) {
        return SandboxSpec.of(name, temp.resolve("host").resolve(name)).withEnv(PATH);
    }

    record Result(ExitStatus status, String stdout, String stderr) {
    }

    private static Result run(Sandbox sandbox, ExecRequest request) throws Exception {
        CollectedOutput sink = new CollectedOutput();
        ExitStatus status = sandbox.exec(request, sink);
        return new Result(status, sink.text(), sink.errorText());
    }

    private static Result bash(Sandbox sandbox, String script) throws Exception {
        return run(sandbox, new ExecRequest(List.of("bash", "-c", script), Map.of(), sandbox.workRoot(), null));
    }

    private static void assertNoToken(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
        }
    }

    // --- the sandbox through its interface ---

    @Test
    void runsAMultiStepJobThroughTheSandboxInterface() throws Exception {
        Sandbox sandbox = backend().create(spec("job").withEnv(Map.of("PATH", PATH.get("PATH"),
                "FROM_SPEC", "spec value", "OVERRIDDEN", "spec")));
        made.add(sandbox);
        assertThat(sandbox.info().isolation()).isEqualTo(BackendInfo.Isolation.VM);
        assertThat(sandbox.workRoot()).isEqualTo(temp.resolve("guest/hearth-job").toString());
        assertThat(sandbox.list(".")).as("a fresh work root").isEmpty();
        assertThat(Sandboxes.live()).contains(sandbox);

        sandbox.writeString("input.txt", "one\ntwo\nthree\n");
        String greeting = "it's \"quoted\" $HOME `whoami` \\ done";
        Result first = run(sandbox, new ExecRequest(List.of("bash", "-c", """
                wc -l < ../../input.txt > result.txt
                echo "$GREETING from $(pwd) with $FROM_SPEC and $OVERRIDDEN"
                echo "agent: ${FCCTL_AGENT_SECRET:-none}" >&2
                exit 3
                """), Map.of("GREETING", greeting, "OVERRIDDEN", "request"), "steps/one", null));
        assertThat(first.status().code()).isEqualTo(3);
        assertThat(first.status().timedOut()).isFalse();
        assertThat(first.status().success()).isFalse();
        assertThat(first.stdout()).isEqualTo(greeting + " from " + sandbox.workRoot() + "/steps/one with spec value"
                + " and request\n");
        assertThat(first.stderr()).as("the server's own environment stays out").isEqualTo("agent: none\n");
        assertThat(sandbox.readString("steps/one/result.txt", 100)).isEqualTo("3\n");

        // the next step is a fresh shell: what carries over is the VM's files, env and cwd come again
        Result second = bash(sandbox, "cat steps/one/result.txt; echo \"$FROM_SPEC\"; pwd");
        assertThat(second.status().success()).isTrue();
        assertThat(second.stdout()).isEqualTo("3\nspec value\n" + sandbox.workRoot() + "\n");

        Result quoted = run(sandbox, new ExecRequest(List.of("printf", "%s|", "a b", "it's", "$(touch pwned)", "*", ""),
                Map.of(), sandbox.workRoot(), null));
        assertThat(quoted.stdout()).isEqualTo("a b|it's|$(touch pwned)|*||");
        assertThat(sandbox.exists("pwned")).isFalse();

        Result missing = run(sandbox, ExecRequest.of(".", "no-such-program-hearth").withEnv(PATH));
        assertThat(missing.status().code()).isEqualTo(127);
        assertThat(missing.stderr()).contains("no-such-program-hearth");

        assertThat(fake.executes()).allSatisfy(call -> assertThat(call.vmId()).isEqualTo(((FcctlSandbox) sandbox).vmId()));
        assertThat(fake.executes()).filteredOn(call -> call.code().contains("GREETING"))
                .singleElement().satisfies(call -> {
                    assertThat(call.timeoutSeconds()).as("no step timeout: the longest job")
                            .isEqualTo(FcctlClient.NO_TIMEOUT.toSeconds());
                    assertThat(call.code()).doesNotContain(TOKEN);
                });
        assertThat(http.requests()).allSatisfy(request ->
                assertThat(request.headers().firstValue("Authorization")).contains("Bearer " + TOKEN));
    }

    @Test
    void theHttpTimeoutFollowsTheStepTimeoutSoAStepLongerThanTheCallTimeoutIsNotCut() throws Exception {
        // The seed cut every step at a fixed 30 s. Here calls that run no command have 1 s, and a 2 s
        // step with a 45 s timeout must still run to its end.
        settings = settings.withCallTimeout(Duration.ofSeconds(1));
        FcctlSandbox sandbox = create("long");
        Result slow = run(sandbox, new ExecRequest(List.of("bash", "-c", "sleep 2; echo done"), Map.of(), ".",
                Duration.ofSeconds(45)));
        assertThat(slow.status().success()).isTrue();
        assertThat(slow.stdout()).isEqualTo("done\n");
        run(sandbox, new ExecRequest(List.of("true"), PATH, ".", Duration.ofMillis(2500)));

        List<FakeFcctlWeb.ExecuteCall> seen = fake.executes();
        List<HttpRequest> sent = http.requestsTo("/api/llm/execute");
        assertThat(sent).hasSameSizeAs(seen);
        for (int i = 0; i < seen.size(); i++) {
            assertThat(sent.get(i).timeout()).as("the HTTP timeout of execute call %d", i)
                    .contains(Duration.ofSeconds(seen.get(i).timeoutSeconds()).plusSeconds(1));
        }
        assertThat(seen).filteredOn(call -> call.code().contains("sleep 2")).singleElement()
                .extracting(FakeFcctlWeb.ExecuteCall::timeoutSeconds).isEqualTo(45L);
        assertThat(seen.getLast().timeoutSeconds()).as("2.5 s, rounded up").isEqualTo(3L);
        assertThat(http.requestsTo("/api/vms")).allSatisfy(r -> assertThat(r.timeout()).contains(Duration.ofSeconds(1)));
    }

    @Test
    void aStepTheServerStopsAtItsTimeoutEndsTimedOut() throws Exception {
        FcctlSandbox sandbox = create("slow");
        Result result = run(sandbox, new ExecRequest(List.of("bash", "-c", "echo begun; sleep 30"), Map.of(), ".",
                Duration.ofSeconds(1)));
        assertThat(result.status().timedOut()).isTrue();
        assertThat(result.status().success()).isFalse();
        assertThat(result.status().signal()).isEqualTo(9);
        assertThat(bash(sandbox, "echo still usable").stdout()).isEqualTo("still usable\n");
    }

    @Test
    void killProcessesEndsWhatStepsLeftAndSignalsReachACommand() throws Exception {
        FcctlSandbox sandbox = create("procs");
        assertThat(bash(sandbox, "sleep 300 > /dev/null 2>&1 & echo $! > bg.pid").status().success()).isTrue();
        // alive: it exists and is no zombie (an orphan's reaper may be slow)
        String alive = "p=$(cat bg.pid); [ -e /proc/$p ] && [ \"$(cut -d' ' -f3 /proc/$p/stat)\" != Z ]";
        assertThat(bash(sandbox, alive).status().code()).as("alive in the next step").isZero();
        sandbox.killProcesses();
        await().atMost(Duration.ofSeconds(10)).until(() -> bash(sandbox, alive).status().code() != 0);

        CollectedOutput sink = new CollectedOutput();
        Execution running = sandbox.start(new ExecRequest(List.of("bash", "-c", "touch started; exec sleep 300"),
                Map.of(), ".", null), sink);
        await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.exists("started"));
        assertThat(running.isAlive()).isTrue();
        running.kill();
        ExitStatus killed = running.await();
        assertThat(killed.code()).isEqualTo(128 + 9);
        assertThat(killed.signal()).isEqualTo(9);
        assertThat(killed.timedOut()).isFalse();
        assertThat(running.isAlive()).isFalse();
        assertThatCode(() -> running.signal(15)).doesNotThrowAnyException();
    }

    @Test
    void readsAndWritesFilesInChunks() throws Exception {
        FcctlSandbox sandbox = create("files");
        byte[] big = new byte[GuestFiles.READ_CHUNK + 3 * GuestFiles.WRITE_CHUNK + 17];
        new Random(6).nextBytes(big);
        sandbox.writeFile("deep/er/big.bin", big);
        assertThat(sandbox.readFile(sandbox.workRoot() + "/deep/er/big.bin", big.length)).isEqualTo(big);
        assertThat(bash(sandbox, "stat -c %s deep/er/big.bin").stdout()).isEqualTo(big.length + "\n");
        assertThat(fake.executes()).allSatisfy(call -> assertThat(call.code().length())
                .as("a script fits in one command-line argument").isLessThan(128 * 1024));

        String odd = "with space and 'quote'.txt";
        sandbox.writeString(odd, "héllo");
        assertThat(sandbox.readString(odd, 100)).isEqualTo("héllo");
        sandbox.writeFile(odd, new byte[0]);
        assertThat(sandbox.readFile(odd, 0)).isEmpty();
        sandbox.writeFile(odd, new byte[] {1, 2});
        assertThatThrownBy(() -> sandbox.readFile(odd, 1)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("larger than 1 bytes");
        assertThatThrownBy(() -> sandbox.readFile("missing", 10)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("no such file");
        assertThatThrownBy(() -> sandbox.readFile("deep", 10)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("not a regular file");

        sandbox.createDirectories("made/by/hearth");
        assertThat(sandbox.exists("made/by")).isTrue();
        assertThat(sandbox.exists("nothing/here")).isFalse();
        assertThat(sandbox.list(".")).containsExactly("deep", "made", odd);
        assertThat(sandbox.list("nothing")).isEmpty();
        assertThat(sandbox.list(odd)).as("not a directory").isEmpty();
        sandbox.writeString(".hidden", "x");
        assertThat(sandbox.list(".")).contains(".hidden");
        sandbox.delete("deep");
        assertThat(sandbox.exists("deep")).isFalse();
        sandbox.delete("never/there");
        assertThat(sandbox.list(".")).containsExactly(".hidden", "made", odd);

        assertThatThrownBy(() -> sandbox.writeString("../escape", "x")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("outside the sandbox's work root");
        assertThatThrownBy(() -> sandbox.delete("/etc")).isInstanceOf(SandboxException.class);
        assertThat(Path.of("/etc")).isDirectory();
        assertThat(temp.resolve("guest/escape")).doesNotExist();
        assertThat(sandbox.list(".")).as("no part files left").containsExactly(".hidden", "made", odd);
    }

    @Test
    void copiesTreesInAndOut() throws Exception {
        FcctlSandbox sandbox = create("trees");
        Path source = temp.resolve("source");
        Files.createDirectories(source.resolve("nested/deeper"));
        Files.writeString(source.resolve("top.txt"), "top");
        Files.writeString(source.resolve("nested/deeper/leaf.txt"), "leaf");
        byte[] blob = new byte[3 * GuestFiles.WRITE_CHUNK];
        new Random(7).nextBytes(blob);
        Files.write(source.resolve("nested/blob.bin"), blob);
        Path tool = source.resolve("nested/tool.sh");
        Files.writeString(tool, "#!/bin/sh\necho tool ran\n");
        Files.setPosixFilePermissions(tool, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
        Files.createSymbolicLink(source.resolve("link"), Path.of("top.txt"));

        sandbox.copyIn(source, "in");
        assertThat(bash(sandbox, "cd in && find . | sort && cat link && nested/tool.sh").stdout()).isEqualTo(
                String.join("\n", ".", "./link", "./nested", "./nested/blob.bin", "./nested/deeper",
                        "./nested/deeper/leaf.txt", "./nested/tool.sh", "./top.txt", "top" + "tool ran", ""));
        assertThat(sandbox.readFile("in/nested/blob.bin", blob.length)).isEqualTo(blob);

        sandbox.writeString("in/nested/kept.txt", "kept");
        sandbox.copyIn(source.resolve("nested"), "in/nested");
        assertThat(sandbox.readString("in/nested/kept.txt", 10)).as("merged into the directory there").isEqualTo("kept");
        sandbox.delete("in/nested/kept.txt");
        sandbox.copyIn(source.resolve("top.txt"), "one/file.txt");
        assertThat(sandbox.readString("one/file.txt", 10)).isEqualTo("top");

        assertThat(bash(sandbox, "echo made inside > in/nested/new.txt").status().success()).isTrue();
        Path out = temp.resolve("out/copy");
        sandbox.copyOut("in", out);
        assertThat(Files.readString(out.resolve("nested/new.txt"))).isEqualTo("made inside\n");
        assertThat(Files.readString(out.resolve("nested/deeper/leaf.txt"))).isEqualTo("leaf");
        assertThat(Files.readAllBytes(out.resolve("nested/blob.bin"))).isEqualTo(blob);
        assertThat(Files.isExecutable(out.resolve("nested/tool.sh"))).isTrue();
        assertThat(Files.readSymbolicLink(out.resolve("link"))).isEqualTo(Path.of("top.txt"));
        try (Stream<Path> copied = Files.walk(out)) {
            assertThat(copied.count()).isEqualTo(9);
        }
        Path single = temp.resolve("single.txt");
        sandbox.copyOut("in/top.txt", single);
        assertThat(Files.readString(single, StandardCharsets.UTF_8)).isEqualTo("top");
        assertThatThrownBy(() -> sandbox.copyOut("absent", temp.resolve("absent"))).isInstanceOf(SandboxException.class)
                .hasMessageContaining("no such file");
        try (Stream<Path> left = Files.list(temp.resolve("fake-state").resolve(sandbox.vmId()).resolve("tmp"))) {
            assertThat(left).as("archives left in the guest's temporary directory").isEmpty();
        }
    }

    @Test
    void snapshotsAndRollsBack() throws Exception {
        FcctlSandbox sandbox = create("snap");
        sandbox.writeString("state.txt", "before");
        String snapshot = sandbox.snapshot("before-step", "taken by a test");
        sandbox.writeString("state.txt", "after");
        sandbox.writeString("new.txt", "new");
        sandbox.rollback(snapshot);
        assertThat(sandbox.readString("state.txt", 100)).isEqualTo("before");
        assertThat(sandbox.exists("new.txt")).isFalse();
        assertThatThrownBy(() -> sandbox.rollback("snap-unknown")).isInstanceOf(FcctlApiException.class)
                .hasMessageContaining("404").hasMessageContaining("snapshot not found");
    }

    // --- failure paths: nothing may stay allocated ---

    @Test
    void aFailedCreateLeavesNothing() {
        fake.faults.createFails = true;
        assertThatThrownBy(() -> create("nocap")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("no capacity for vm_type " + settings.vmType())
                .satisfies(FcctlContractTest::assertNoToken);
        assertThat(fake.createCalls()).isEqualTo(1);
        assertThat(temp.resolve("host/nocap")).doesNotExist();
        SandboxSpec sized = new SandboxSpec("sized", "ci-large", temp.resolve("host/sized"), PATH, null, null);
        assertThatThrownBy(() -> backend().create(sized)).as("a spec's image is the vm_type")
                .hasMessageContaining("no capacity for vm_type ci-large");
    }

    @Test
    void aVmThatNeverRunsIsDeleted() {
        settings = settings.withCreation(Duration.ofMillis(300), Duration.ofMillis(20));
        fake.faults.start = FakeFcctlWeb.Start.NEVER_RUNS;
        assertThatThrownBy(() -> create("stuck")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("did not reach \"running\"").hasMessageContaining("starting");
        assertThat(fake.deleteCalls()).isEqualTo(1);
        assertThat(temp.resolve("host/stuck")).doesNotExist();
    }

    @Test
    void aVmThatFailsToStartIsDeleted() {
        fake.faults.start = FakeFcctlWeb.Start.FAILS;
        assertThatThrownBy(() -> create("broken")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("its status is failed");
        assertThat(fake.deleteCalls()).isEqualTo(1);
    }

    @Test
    void aWorkRootThatCannotBeMadeDeletesTheVm() {
        fake.faults.executeFails = true;
        assertThatThrownBy(() -> create("noroot")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("HTTP 500").hasMessageContaining("agent unreachable")
                .satisfies(FcctlContractTest::assertNoToken);
        assertThat(fake.createCalls()).isEqualTo(1);
    }

    @Test
    void aFailedCreationKeepsDeletingWhileDeleteFails() {
        fake.faults.start = FakeFcctlWeb.Start.FAILS;
        fake.faults.deleteFailures.set(2);
        assertThatThrownBy(() -> create("flaky")).isInstanceOf(SandboxException.class);
        assertThat(fake.deleteCalls()).isEqualTo(3);
    }

    @Test
    void anExecuteCallThatOutlivesItsTimeoutEndsTimedOut() throws Exception {
        settings = settings.withCallTimeout(Duration.ofSeconds(1));
        FcctlSandbox sandbox = create("hang");
        fake.faults.executeHangs = true;
        Result result = run(sandbox, new ExecRequest(List.of("true"), Map.of(), ".", Duration.ofSeconds(1)));
        assertThat(result.status().timedOut()).isTrue();
        assertThat(result.status().success()).isFalse();
        assertThat(http.requestsTo("/api/llm/execute").getLast().timeout()).as("the kill sent after it")
                .contains(Duration.ofSeconds(2));
        sandbox.destroy();
        assertThat(fake.liveVms()).isEmpty();
    }

    @Test
    void anExecuteTheServerFailsEndsWith255AndTheReason() throws Exception {
        FcctlSandbox sandbox = create("fails");
        fake.faults.executeFails = true;
        Result result = bash(sandbox, "echo never");
        assertThat(result.status().code()).isEqualTo(255);
        assertThat(result.status().timedOut()).isFalse();
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr()).contains("HTTP 500").contains("agent unreachable").doesNotContain(TOKEN);
        assertThatThrownBy(() -> sandbox.writeString("x", "y")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("HTTP 500").satisfies(FcctlContractTest::assertNoToken);
        sandbox.destroy();
        assertThat(fake.liveVms()).isEmpty();
    }

    @Test
    void destroyRetriesAFailingDeleteOnceFromManyThreads() throws Exception {
        FcctlSandbox sandbox = create("retry");
        fake.faults.deleteFailures.set(DELETE_ATTEMPTS - 1);
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
        await().atMost(Duration.ofSeconds(10)).until(() -> fake.liveVms().isEmpty());
        assertThat(fake.deleteCalls()).isEqualTo(DELETE_ATTEMPTS);
        assertThat(sandbox.isDestroyed()).isTrue();
        assertThat(Sandboxes.live()).doesNotContain(sandbox);
        assertThat(temp.resolve("host/retry")).doesNotExist();
        sandbox.destroy();
        assertThat(fake.deleteCalls()).as("destroy is idempotent").isEqualTo(DELETE_ATTEMPTS);
        assertThatThrownBy(() -> bash(sandbox, "true")).isInstanceOf(SandboxException.class)
                .hasMessageContaining("destroyed");
        assertThat(logs.list).noneMatch(e -> e.getLevel() == Level.ERROR);
    }

    @Test
    void aDeleteThatAlwaysFailsIsLoggedAsAnErrorWithTheVmId() throws Exception {
        FcctlSandbox sandbox = create("leak");
        fake.faults.deleteAlwaysFails = true;
        assertThatCode(sandbox::destroy).doesNotThrowAnyException();
        assertThat(fake.deleteCalls()).as("bounded").isEqualTo(DELETE_ATTEMPTS);
        assertThat(fake.liveVms()).containsExactly(sandbox.vmId());
        leakExpected = true;
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(sandbox.vmId())
                        .contains("hearth-leak").contains("still allocated").contains("hypervisor busy"));
    }

    @Test
    void aServerThatCannotBeReachedIsTriedAgainThenTheLeakIsLogged() throws Exception {
        FcctlSandbox sandbox = create("unreachable");
        fake.close();
        leakExpected = true;
        assertThatCode(sandbox::destroy).doesNotThrowAnyException();
        assertThat(http.requestsTo("/api/vms/" + sandbox.vmId())).filteredOn(r -> r.method().equals("DELETE"))
                .as("connection failures are tried again, a bounded number of times").hasSize(DELETE_ATTEMPTS);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.ERROR).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).contains(sandbox.vmId()).contains("did not answer"));
    }

    @Test
    void aWrongTokenIsRefusedAndNeverShown() {
        String wrong = "wrong-" + TOKEN;
        settings = new FcctlSettings(settings.baseUrl(), wrong, settings.vmType(), settings.creationTimeout(),
                settings.pollInterval(), settings.callTimeout(), settings.guestDir(), settings.deleteAttempts(),
                settings.deleteBackoff());
        assertThatThrownBy(() -> create("unauthorized")).isInstanceOf(FcctlApiException.class)
                .hasMessageContaining("HTTP 401").hasMessageNotContaining(wrong)
                .satisfies(e -> assertThat(((FcctlApiException) e).retryable()).isFalse());
        assertThat(fake.createCalls()).isZero();
    }

    // --- the backend ---

    @Test
    void availabilityAsksTheServersHealth() throws Exception {
        FcctlBackend backend = backend();
        assertThat(backend.name()).isEqualTo("fcctl");
        assertThat(backend.info().isolation()).isEqualTo(BackendInfo.Isolation.VM);
        assertThat(backend.availability().available()).isTrue();
        assertThat(http.requestsTo("/health").getLast().timeout()).contains(FcctlBackend.HEALTH_TIMEOUT);

        assertThat(FcctlBackend.fromEnvironment(Map.of()).availability())
                .satisfies(a -> assertThat(a.available()).isFalse())
                .satisfies(a -> assertThat(a.reason()).contains("HEARTH_FCCTL_URL"));
        assertThat(FcctlBackend.fromEnvironment(Map.of("HEARTH_FCCTL_URL", fake.url().toString())).availability())
                .satisfies(a -> assertThat(a.available()).isFalse())
                .satisfies(a -> assertThat(a.reason()).contains("HEARTH_FCCTL_TOKEN"));
        assertThatThrownBy(() -> FcctlBackend.fromEnvironment(Map.of()).create(spec("unconfigured")))
                .isInstanceOf(SandboxException.class).hasMessageContaining("not configured");

        FcctlBackend configured = FcctlBackend.fromEnvironment(Map.of("HEARTH_FCCTL_URL", fake.url() + "/",
                "HEARTH_FCCTL_TOKEN", TOKEN));
        assertThat(configured.availability().available()).isTrue();
        fake.close();
        assertThat(configured.availability())
                .satisfies(a -> assertThat(a.available()).isFalse())
                .satisfies(a -> assertThat(a.reason()).contains(fake.url().toString()).doesNotContain(TOKEN));
    }

    @Test
    void settingsComeFromTheEnvironmentAndHideTheToken() {
        FcctlSettings read = FcctlSettings.fromEnvironment(Map.of("HEARTH_FCCTL_URL", "https://vms.example.org/fc//",
                "HEARTH_FCCTL_TOKEN", TOKEN)).orElseThrow();
        assertThat(read.baseUrl()).isEqualTo(URI.create("https://vms.example.org/fc"));
        assertThat(read.vmType()).isEqualTo(FcctlSettings.DEFAULT_VM_TYPE);
        assertThat(read.creationTimeout()).isEqualTo(Duration.ofSeconds(FcctlSettings.DEFAULT_CREATION_SECONDS));
        assertThat(read.toString()).doesNotContain(TOKEN);
        assertThat(FcctlSettings.fromEnvironment(Map.of("HEARTH_FCCTL_URL", "http://h:1", "HEARTH_FCCTL_TOKEN", "t",
                "HEARTH_FCCTL_VM_TYPE", "ci-large")).orElseThrow().vmType()).isEqualTo("ci-large");
        assertThat(FcctlSettings.fromEnvironment(Map.of("HEARTH_FCCTL_TOKEN", "t"))).isEmpty();
        assertThatThrownBy(() -> FcctlSettings.fromEnvironment(Map.of("HEARTH_FCCTL_URL", "ftp://h",
                "HEARTH_FCCTL_TOKEN", "t"))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http");
        assertThatThrownBy(() -> FcctlSettings.fromEnvironment(Map.of("HEARTH_FCCTL_URL", "http://user:pw@h",
                "HEARTH_FCCTL_TOKEN", "t"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
        assertThat(FcctlClient.timeoutSeconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(FcctlClient.timeoutSeconds(Duration.ofSeconds(45))).isEqualTo(45);
    }

    @Test
    void theFakeRefusesMalformedRequests() throws Exception {
        badRequestsExpected = true;
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fake.url() + "/api/llm/execute"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"agent_id\":\"a\",\"language\":\"bash\",\"code\":\"true\","
                        + "\"vm_id\":\"x\",\"timeout_seconds\":\"30\",\"working_dir\":\"/\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(fake.badRequests()).singleElement().asString().contains("timeout_seconds");
    }
}
