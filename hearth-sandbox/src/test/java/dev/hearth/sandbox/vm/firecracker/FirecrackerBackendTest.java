package dev.hearth.sandbox.vm.firecracker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.agent.AgentBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The firecracker backend against the stand-in {@code firecracker} ({@link FirecrackerStandIn}), a real
 * process that refuses any request Firecracker's API description or its documented order forbids and
 * runs the real exec agent as its guest. After every test the stand-in must have refused nothing.
 */
class FirecrackerBackendTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");

    @TempDir
    Path tmp;
    StandIn standIn;

    @BeforeAll
    static void needsTheAgent() {
        assumeTrue(AgentBinary.path().isPresent(), "no exec agent (no C compiler at build time): " + AgentBinary.reason());
    }

    @BeforeEach
    void setUp() throws IOException {
        standIn = new StandIn(tmp);
    }

    @AfterEach
    void everyRequestFollowedTheApi() throws IOException {
        assertThat(standIn.violations()).as("requests the stand-in firecracker refused").isEmpty();
    }

    private SandboxSpec spec(String name) {
        return SandboxSpec.of(name, tmp.resolve("host-" + name)).withEnv(PATH);
    }

    private static ExitStatus run(Sandbox sandbox, CollectedOutput out, String script) throws Exception {
        return sandbox.exec(ExecRequest.of(".", "sh", "-c", script), out);
    }

    private void assertNothingLeft() throws IOException {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(standIn.processes()).as("processes of VMs").isEmpty();
            assertThat(standIn.folders()).as("VM folders").isEmpty();
        });
    }

    @Test
    void runsAJobOfSeveralStepsInOneVm() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        Sandbox sandbox = backend.create(spec("job").withEnv(Map.of("PATH", PATH.get("PATH"), "FROM_SPEC", "spec")));
        try {
            assertThat(sandbox.info().name()).isEqualTo("firecracker");
            assertThat(sandbox.workRoot()).isEqualTo(standIn.workRoot.toString());
            assertThat(standIn.folders()).hasSize(1);

            sandbox.writeString("data/in.txt", "hello from the host\n");
            CollectedOutput first = new CollectedOutput();
            ExitStatus status = sandbox.exec(new ExecRequest(List.of("sh", "-c",
                    "cat data/in.txt; echo \"$FROM_SPEC $FROM_STEP\"; echo oops >&2; echo state > kept.txt; exit 3"),
                    Map.of("FROM_STEP", "step"), ".", null), first);
            assertThat(status.code()).isEqualTo(3);
            assertThat(first.text()).isEqualTo("hello from the host\nspec step\n");
            assertThat(first.errorText()).isEqualTo("oops\n");

            CollectedOutput background = new CollectedOutput();
            assertThat(run(sandbox, background, "sleep 300 >/dev/null 2>&1 & echo $! > bg.pid").code()).isZero();
            CollectedOutput next = new CollectedOutput();
            assertThat(run(sandbox, next, "cat kept.txt; kill -0 \"$(cat bg.pid)\" && echo alive").code()).isZero();
            assertThat(next.text()).isEqualTo("state\nalive\n");
            long backgroundPid = Long.parseLong(sandbox.readString("bg.pid", 100).strip());

            assertThat(sandbox.list(".")).contains("bg.pid", "data", "kept.txt");
            Path out = tmp.resolve("copied");
            sandbox.copyOut("data", out);
            assertThat(out.resolve("in.txt")).hasContent("hello from the host");

            sandbox.destroy();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> ProcessHandle.of(backgroundPid).map(ProcessHandle::isAlive).orElse(false) == false);
        } finally {
            sandbox.destroy();
        }
        assertNothingLeft();
        assertThat(tmp.resolve("host-job")).doesNotExist();
    }

    @Test
    void aSnapshotRestoresIntoFreshProcesses() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        FirecrackerSnapshot snapshot = backend.snapshot("template", tmp.resolve("snapshot"));
        assertThat(snapshot.state()).isRegularFile();
        assertThat(snapshot.memory()).isRegularFile();
        assertNothingLeft(); // the VM it was taken from is gone

        try (Sandbox one = backend.restore(spec("clone-1"), snapshot);
             Sandbox two = backend.restore(spec("clone-2"), snapshot)) {
            assertThat(standIn.folders()).hasSize(2);
            CollectedOutput a = new CollectedOutput();
            CollectedOutput b = new CollectedOutput();
            assertThat(run(one, a, "echo one").code()).isZero();
            assertThat(run(two, b, "echo two; exit 7").code()).isEqualTo(7);
            assertThat(a.text()).isEqualTo("one\n");
            assertThat(b.text()).isEqualTo("two\n");
        }
        assertNothingLeft();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT /boot-source", "PUT /drives/rootfs", "PUT /machine-config", "PUT /vsock", "PUT /actions"})
    void aRefusedConfigurationStepLeavesNothing(String step) throws Exception {
        Path rootfs = Files.writeString(tmp.resolve("rootfs.ext4"), "not a file system");
        FirecrackerBackend backend = new FirecrackerBackend(
                standIn.settings(Map.of("STANDIN_FAIL", step)).withRootfs(rootfs));
        assertThatThrownBy(() -> backend.create(spec("refused")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("Firecracker refused " + step + " (400)")
                .hasMessageContaining("refused as asked")
                .cause().isInstanceOf(FirecrackerApi.FirecrackerApiException.class);
        assertNothingLeft();
        assertThat(tmp.resolve("host-refused")).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PATCH /vm", "PUT /snapshot/create"})
    void aRefusedSnapshotLeavesNothing(String step) throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings(Map.of("STANDIN_FAIL", step)));
        assertThatThrownBy(() -> backend.snapshot("template", tmp.resolve("snapshot")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("Firecracker refused " + step);
        assertNothingLeft();
    }

    @Test
    void aRefusedRestoreLeavesNothing() throws Exception {
        FirecrackerSnapshot snapshot = new FirecrackerBackend(standIn.settings())
                .snapshot("template", tmp.resolve("snapshot"));
        FirecrackerBackend failing = new FirecrackerBackend(standIn.settings(Map.of("STANDIN_FAIL", "PUT /snapshot/load")));
        assertThatThrownBy(() -> failing.restore(spec("clone"), snapshot))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("Firecracker refused PUT /snapshot/load (400)");
        assertNothingLeft();
    }

    @Test
    void anAgentThatNeverAnswersLeavesNothing() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings(Map.of("STANDIN_AGENT_MODE", "silent"))
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> backend.create(spec("silent")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("did not answer");
        assertNothingLeft();
    }

    @Test
    void aFirecrackerThatCannotStartLeavesNothing() throws Exception {
        Path broken = Files.writeString(tmp.resolve("broken-firecracker"), "#!/bin/sh\necho 'no KVM here' >&2\nexit 1\n");
        broken.toFile().setExecutable(true);
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings().withFirecracker(broken));
        assertThatThrownBy(() -> backend.create(spec("broken")))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("exited with 1")
                .hasMessageContaining("no KVM here");
        assertNothingLeft();
    }

    @Test
    void aCommandThatTimesOutIsKilledAndTheSandboxGoesOn() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        try (Sandbox sandbox = backend.create(spec("timeout"))) {
            CollectedOutput out = new CollectedOutput();
            ExitStatus status = sandbox.exec(ExecRequest.of(".", "sh", "-c", "echo $$ > slow.pid; exec sleep 60")
                    .withTimeout(Duration.ofMillis(500)), out);
            assertThat(status.timedOut()).isTrue();
            long pid = Long.parseLong(sandbox.readString("slow.pid", 100).strip());
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
            CollectedOutput after = new CollectedOutput();
            assertThat(run(sandbox, after, "echo still here").code()).isZero();
            assertThat(after.text()).isEqualTo("still here\n");
        }
        assertNothingLeft();
    }

    @Test
    void aVmThatDiesMidRunIsReportedAndStillCleanedUp() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        Sandbox sandbox = backend.create(spec("dies"));
        try {
            Execution running = sandbox.start(ExecRequest.of(".", "sleep", "60"), new CollectedOutput());
            long vmPid = vmPid();
            ProcessHandle.of(vmPid).orElseThrow().destroyForcibly();
            ExitStatus status = running.await();
            assertThat(status.code()).isEqualTo(255);
            CollectedOutput out = new CollectedOutput();
            assertThatThrownBy(() -> run(sandbox, out, "echo never"))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("gone");
            assertThat(sandbox.queues()).isFalse();
        } finally {
            sandbox.destroy();
        }
        assertNothingLeft();
    }

    @Test
    void destroyIsIdempotent() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        Sandbox sandbox = backend.create(spec("twice"));
        sandbox.destroy();
        sandbox.destroy();
        assertThat(sandbox.isDestroyed()).isTrue();
        assertThatThrownBy(() -> sandbox.writeString("x", "y")).isInstanceOf(SandboxException.class);
        assertNothingLeft();
    }

    @Test
    void theSweepKillsAVmWhoseOwnerDied() throws Exception {
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        Sandbox orphan = backend.create(spec("orphan"));
        Sandbox kept = backend.create(spec("kept"));
        try {
            Path orphanFolder = folderOf("orphan");
            long orphanPid = pidIn(orphanFolder);
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.writeString(orphanFolder.resolve(VmFolder.OWNER), VmFolder.identity(gone.toHandle()));

            assertThat(backend.sweep()).containsExactly(orphanFolder);
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(orphanFolder).doesNotExist();

            CollectedOutput out = new CollectedOutput();
            assertThat(run(kept, out, "echo kept").code()).isZero(); // a live owner's VM is left alone
            assertThat(backend.sweep()).isEmpty();
        } finally {
            orphan.destroy();
            kept.destroy();
        }
        assertNothingLeft();
    }

    @Test
    void theSweepNeverKillsAProcessThatIsNotTheVm() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Path folder = Files.createDirectories(standIn.stateDir.resolve("fc-0123456789ab"));
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            Files.writeString(folder.resolve(VmFolder.OWNER), VmFolder.identity(gone.toHandle()));
            Files.writeString(folder.resolve(VmFolder.PROCESS), VmFolder.identity(stranger.toHandle()));

            new FirecrackerBackend(standIn.settings()).sweep();
            assertThat(folder).doesNotExist();
            assertThat(stranger.isAlive()).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void availabilityNamesWhatIsMissing() throws Exception {
        FirecrackerSettings settings = standIn.settings();
        assertThat(new FirecrackerBackend(settings.withFirecracker(tmp.resolve("nowhere"))).availability().reason())
                .contains("no firecracker binary");
        var noKvm = new FirecrackerBackend(settings, tmp.resolve("no-kvm")).availability();
        assertThat(noKvm.available()).isFalse();
        assertThat(noKvm.reason()).contains("missing");
        Path notADevice = Files.createDirectories(tmp.resolve("kvm-dir"));
        assertThat(new FirecrackerBackend(settings, notADevice).availability().reason()).contains("cannot open");
    }

    @Test
    void throughTheJailerTheVmSeesOnlyItsChroot() throws Exception {
        Path base = tmp.resolve("jail");
        Path rootfs = Files.writeString(tmp.resolve("rootfs.ext4"), "not a file system");
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings().withRootfs(rootfs)
                .withJailer(new FirecrackerSettings.Jailer(standIn.jailer(), 0, 0, base)));
        try (Sandbox sandbox = backend.create(spec("jailed"))) {
            Path chroot = base.resolve("firecracker").resolve(standIn.folders().getFirst().getFileName()).resolve("root");
            assertThat(chroot.resolve("vmlinux")).hasSameTextualContentAs(standIn.kernel);
            assertThat(chroot.resolve(FirecrackerProcess.API_SOCKET)).exists();
            CollectedOutput out = new CollectedOutput();
            assertThat(run(sandbox, out, "echo jailed").code()).isZero();
            assertThat(out.text()).isEqualTo("jailed\n");
        }
        assertNothingLeft();
        assertThat(base.resolve("firecracker")).isEmptyDirectory();

        FirecrackerSnapshot snapshot = backend.snapshot("template", tmp.resolve("snapshot"));
        assertThat(snapshot.state()).isRegularFile().startsWith(tmp.resolve("snapshot"));
        try (Sandbox clone = backend.restore(spec("jailed-clone"), snapshot)) {
            CollectedOutput out = new CollectedOutput();
            assertThat(run(clone, out, "echo restored").code()).isZero();
            assertThat(out.text()).isEqualTo("restored\n");
        }
        assertNothingLeft();
        assertThat(base.resolve("firecracker")).isEmptyDirectory();
    }

    private Path folderOf(String name) throws IOException {
        for (Path f : standIn.folders()) {
            if (Files.readString(f.resolve("name")).equals(name)) {
                return f;
            }
        }
        throw new AssertionError("no VM folder for " + name);
    }

    private long vmPid() throws IOException {
        assertThat(standIn.folders()).hasSize(1);
        return pidIn(standIn.folders().getFirst());
    }

    private static long pidIn(Path folder) throws IOException {
        return Long.parseLong(Files.readString(folder.resolve(VmFolder.PROCESS)).split(" ")[0]);
    }
}
