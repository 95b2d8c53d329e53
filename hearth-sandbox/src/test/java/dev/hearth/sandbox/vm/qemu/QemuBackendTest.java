package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The qemu backend end to end: real microVMs of the project's guest image, commands and files through
 * the agent, what a guest can and cannot reach, and what is left when a sandbox is gone.
 */
class QemuBackendTest {
    private static final Map<String, String> PATH = Map.of("PATH", "/bin:/sbin:/usr/bin:/usr/sbin");

    @TempDir
    Path temp;

    @BeforeEach
    void needsAGuest() {
        TestGuest.image(); // skips with the reason when QEMU or the image's packages are missing
    }

    private static QemuBackend backend(QemuBackend.Start start, long outputLimit) {
        return new QemuBackend(new QemuBackend.Settings(VmOptions.defaults(), start, GuestImageBuilder.inUserCache(),
                outputLimit));
    }

    private SandboxSpec spec(String name) {
        return SandboxSpec.of(name, temp.resolve(name)).withEnv(PATH);
    }

    private static CollectedOutput sh(Sandbox sandbox, String script, AtomicInteger code) throws Exception {
        CollectedOutput out = new CollectedOutput();
        ExitStatus status = sandbox.exec(new ExecRequest(List.of("sh", "-c", script), Map.of(), sandbox.workRoot(),
                Duration.ofSeconds(60)), out);
        code.set(status.code());
        return out;
    }

    private static String sh(Sandbox sandbox, String script) throws Exception {
        AtomicInteger code = new AtomicInteger();
        CollectedOutput out = sh(sandbox, script, code);
        assertThat(code.get()).as("%s: %s", script, out.errorText()).isZero();
        return out.text();
    }

    private static boolean processExists(long pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    @Test
    void runsStepsInOneVmThatKeepsItsStateAndIsGoneAfterwards() throws Exception {
        QemuBackend backend = backend(QemuBackend.Start.RESTORE, 1 << 20);
        assertThat(backend.availability().available()).isTrue();
        Sandbox sandbox = backend.create(spec("steps"));
        long qemu;
        Path folder;
        try {
            assertThat(sandbox.info().isolation()).isEqualTo(BackendInfo.Isolation.VM);
            assertThat(sandbox.workRoot()).isEqualTo(QemuBackend.WORK_ROOT);
            assertThat(sh(sandbox, "echo first > state.txt; echo made")).isEqualTo("made\n");
            assertThat(sh(sandbox, "cat state.txt")).isEqualTo("first\n");
            // a process one step leaves running is there in the next
            sh(sandbox, "sleep 300 > /dev/null 2>&1 & echo $! > bg.pid");
            assertThat(sh(sandbox, "kill -0 \"$(cat bg.pid)\" && echo alive")).isEqualTo("alive\n");
            AtomicInteger code = new AtomicInteger();
            CollectedOutput failed = sh(sandbox, "echo out; echo err >&2; exit 7", code);
            assertThat(code.get()).isEqualTo(7);
            assertThat(failed.text()).isEqualTo("out\n");
            assertThat(failed.errorText()).isEqualTo("err\n");
            sandbox.writeString("from-host.txt", "written by the host");
            assertThat(sh(sandbox, "cat from-host.txt")).isEqualTo("written by the host");
            assertThat(sandbox.readString("state.txt", 100)).isEqualTo("first\n");
            assertThat(sh(sandbox, "uname -n")).isEqualTo("hearth\n");

            // the restored guest took the host's clock, not the saved one's
            long guestTime = Long.parseLong(sh(sandbox, "date +%s").strip());
            assertThat(Math.abs(guestTime - System.currentTimeMillis() / 1000)).isLessThan(60);

            qemu = qemuPid();
            folder = vmFolder();
            assertThat(processExists(qemu)).isTrue();
            sandbox.killProcesses();
            AtomicInteger gone = new AtomicInteger();
            sh(sandbox, "kill -0 \"$(cat bg.pid)\" 2>/dev/null", gone);
            assertThat(gone.get()).as("killProcesses ended the background process").isNotZero();
        } finally {
            sandbox.destroy();
        }
        sandbox.destroy();
        assertThat(sandbox.isDestroyed()).isTrue();
        assertThat(processExists(qemu)).as("no QEMU left").isFalse();
        assertThat(folder).doesNotExist();
        assertThatThrownBy(() -> sh(sandbox, "true")).isInstanceOf(SandboxException.class);
    }

    /** QEMU's pid: the only qemu-system process whose command line names a VM folder of this user. */
    private static long qemuPid() throws IOException {
        List<Long> pids = qemus();
        assertThat(pids).hasSize(1);
        return pids.getFirst();
    }

    private static List<Long> qemus() {
        return ProcFs.withCommandLineContaining("qemu-system-x86_64");
    }

    private static Path vmFolder() throws IOException {
        try (var folders = Files.list(VmOptions.defaultRunRoot())) {
            List<Path> all = folders.filter(Files::isDirectory).toList();
            assertThat(all).isNotEmpty();
            return all.getFirst();
        }
    }

    @Test
    void aGuestSeesNoHostFileOutsideItsWorkspaceAndNoHostLoopbackService() throws Exception {
        String secret = "host-only-" + UUID.randomUUID();
        Path hostFile = Files.writeString(Path.of("/tmp", secret + ".txt"), secret);
        try (ServerSocket service = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Sandbox sandbox = backend(QemuBackend.Start.RESTORE, 1 << 20).create(spec("isolated"))) {
            Thread.ofVirtual().start(() -> {
                while (!service.isClosed()) {
                    try (Socket s = service.accept()) {
                        s.getOutputStream().write("reached the host\n".getBytes());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            AtomicInteger code = new AtomicInteger();
            CollectedOutput read = sh(sandbox, "cat " + hostFile, code);
            assertThat(code.get()).isNotZero();
            assertThat(read.text()).doesNotContain(secret);
            assertThat(sh(sandbox, "ls -a /tmp; grep -rl " + secret + " /tmp /root /etc /hearth 2>/dev/null; true"))
                    .doesNotContain(secret);

            int port = service.getLocalPort();
            CollectedOutput connect = sh(sandbox, "nc -w 2 127.0.0.1 " + port + " </dev/null; nc -w 2 10.0.2.2 " + port
                    + " </dev/null; ip -o link", code);
            assertThat(connect.text()).doesNotContain("reached the host").doesNotContain("eth0");
        } finally {
            Files.deleteIfExists(hostFile);
        }
    }

    @Test
    void cutsOutputPastTheLimitAndGoesOn() throws Exception {
        try (Sandbox sandbox = backend(QemuBackend.Start.RESTORE, 50_000).create(spec("bounded"))) {
            AtomicInteger code = new AtomicInteger();
            CollectedOutput out = sh(sandbox, "head -c 3000000 /dev/zero | tr '\\0' y; exit 5", code);
            assertThat(code.get()).isEqualTo(5);
            assertThat(out.text()).hasSize(50_000).matches("y+");
            assertThat(out.errorText()).contains("went past 50000 bytes");
            assertThat(sh(sandbox, "echo after")).isEqualTo("after\n");
        }
    }

    @Test
    void clonesOfOneStateGetFreshRandomnessAndTheRequestsEnvironmentOnly() throws Exception {
        QemuBackend backend = backend(QemuBackend.Start.RESTORE, 1 << 20);
        Map<String, String> env = new java.util.HashMap<>(PATH);
        env.put("SECRET_TOKEN", "only-for-a");
        try (Sandbox a = backend.create(SandboxSpec.of("a", temp.resolve("a")).withEnv(env));
                Sandbox b = backend.create(spec("b"))) {
            String ra = sh(a, "head -c 32 /dev/urandom | od -An -tx1");
            String rb = sh(b, "head -c 32 /dev/urandom | od -An -tx1");
            assertThat(ra).isNotEqualTo(rb);
            assertThat(sh(a, "echo $SECRET_TOKEN")).isEqualTo("only-for-a\n");
            assertThat(sh(b, "echo ${SECRET_TOKEN:-none}")).isEqualTo("none\n");
            sh(a, "echo mine > only-a.txt");
            assertThat(sh(b, "ls")).doesNotContain("only-a.txt");
        }
    }

    @Test
    void theFullGuestIsRestoredWithItsToolsAndKeptApartFromTheSmallOnesState() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                dev.hearth.sandbox.vm.image.RootfsBuilder.inUserCache().cached().isPresent()
                        || dev.hearth.sandbox.vm.image.RootfsBuilder.unavailableReason().isEmpty(),
                () -> "the full guest cannot be built here: "
                        + dev.hearth.sandbox.vm.image.RootfsBuilder.unavailableReason().orElse("?"));
        QemuBackend full = new QemuBackend(new QemuBackend.Settings(VmOptions.defaults(), QemuBackend.Start.RESTORE,
                GuestImageBuilder.inUserCache(), 1 << 20, new QemuBackend.Guest.Full()));
        assertThat(full.availability().reason()).contains("full Debian guest");
        try (Sandbox sandbox = full.create(spec("full"))) {
            assertThat(sh(sandbox, "bash -c 'echo bash ${BASH_VERSINFO[0]}'")).isEqualTo("bash 5\n");
            assertThat(sh(sandbox, "node -e 'console.log(6*7)'; python3 -c 'print(6*7)'")).isEqualTo("42\n42\n");
            assertThat(sh(sandbox, "git init -q repo && cd repo && git -c user.name=h -c user.email=h@h commit -q "
                    + "--allow-empty -m first && git log --format=%s")).isEqualTo("first\n");
            long guestTime = Long.parseLong(sh(sandbox, "date +%s").strip());
            assertThat(Math.abs(guestTime - System.currentTimeMillis() / 1000)).isLessThan(60);
        }
        try (Sandbox small = backend(QemuBackend.Start.RESTORE, 1 << 20).create(spec("small"))) {
            AtomicInteger code = new AtomicInteger();
            sh(small, "command -v bash", code);
            assertThat(code.get()).as("the small guest has no bash").isNotZero();
        }
    }

    @Test
    void readsWhichGuestFromTheEnvironment() {
        assertThat(QemuBackend.Guest.parse(null)).isInstanceOf(QemuBackend.Guest.Auto.class);
        assertThat(QemuBackend.Guest.parse(" small ")).isInstanceOf(QemuBackend.Guest.Small.class);
        assertThat(QemuBackend.Guest.parse("FULL")).isInstanceOf(QemuBackend.Guest.Full.class);
        assertThat(QemuBackend.Guest.parse("/srv/root.ext4")).isEqualTo(new QemuBackend.Guest.Image(Path.of("/srv/root.ext4")));
        assertThatThrownBy(() -> QemuBackend.Guest.parse("root.ext4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEARTH_QEMU_ROOTFS");
        QemuBackend missing = new QemuBackend(new QemuBackend.Settings(VmOptions.defaults(), QemuBackend.Start.BOOT,
                GuestImageBuilder.inUserCache(), 1 << 20, new QemuBackend.Guest.Image(temp.resolve("none.ext4"))));
        assertThat(missing.availability().available()).isFalse();
        assertThat(missing.availability().reason()).contains("none.ext4");
    }

    @Test
    void bootsWhenToldAndHonoursTheSpecsMemory() throws Exception {
        SandboxSpec spec = new SandboxSpec("booted", null, temp.resolve("booted"), PATH, NetworkPolicy.NONE,
                new ResourceLimits(0, 192L * 1024 * 1024, 0));
        try (Sandbox sandbox = backend(QemuBackend.Start.BOOT, 1 << 20).create(spec)) {
            long totalKb = Long.parseLong(sh(sandbox, "awk '/MemTotal/ {print $2}' /proc/meminfo").strip());
            assertThat(totalKb).isBetween(100_000L, 192L * 1024);
        }
    }
}
