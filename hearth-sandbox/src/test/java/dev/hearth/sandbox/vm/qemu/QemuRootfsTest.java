package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import dev.hearth.sandbox.vm.image.GuestImage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real microVMs with the full guest: the initramfs's init mounts the root filesystem image
 * (debootstrap bookworm) read-only under a memory overlay and runs the agent in it, so bash, git,
 * node, python3 and curl run in the VM, the guest may write anywhere, and the image never changes.
 */
class QemuRootfsTest {
    @TempDir
    Path temp;

    private final List<QemuVm> vms = new ArrayList<>();

    @AfterEach
    void destroyAll() {
        vms.forEach(QemuVm::destroy);
    }

    private QemuVm keep(QemuVm vm) {
        vms.add(vm);
        return vm;
    }

    private VmOptions options(Path rootImage) {
        return VmOptions.defaults().withRunRoot(temp.resolve("vms")).withRootImage(rootImage);
    }

    private static String ok(AgentChannel agent, int id, String script) throws Exception {
        TestGuest.Ran ran = TestGuest.sh(agent, id, script);
        assertThat(ran.code()).as("%s: %s", script, ran.stderr()).isZero();
        return ran.stdout();
    }

    @Test
    void runsDebiansToolsInTheRootImageWhichStaysUnchanged() throws Exception {
        GuestImage image = TestGuest.image();
        Path root = TestGuest.rootImage();
        String before = sha256(root);
        FileTime modified = Files.getLastModifiedTime(root);

        QemuVm vm = keep(QemuVm.boot(image, options(root)));
        System.out.printf("full guest: cold boot to first PONG: %d ms (%s)%n", vm.startup().toMillis(), vm.acceleratorUsed());
        AgentChannel agent = vm.agent();

        assertThat(ok(agent, 1, "bash -c 'echo $BASH_VERSION'")).matches("5\\.2\\.\\d+.*\\n");
        assertThat(ok(agent, 2, "git --version")).startsWith("git version 2.");
        assertThat(ok(agent, 3, "node -e 'console.log(6*7)'")).isEqualTo("42\n");
        assertThat(ok(agent, 4, "python3 -c 'print(6*7)'")).isEqualTo("42\n");
        assertThat(ok(agent, 5, "curl --version")).startsWith("curl 7.");
        assertThat(ok(agent, 6, ". /etc/os-release; echo $VERSION_CODENAME; test -s /etc/ssl/certs/ca-certificates.crt && echo certs"))
                .isEqualTo("bookworm\ncerts\n");
        assertThat(ok(agent, 7, "awk '$2 == \"/\" {print $3}' /proc/mounts; hostname")).isEqualTo("overlay\nhearth\n");

        // A small real workflow: a repository made, committed to and read back, in the guest.
        assertThat(ok(agent, 8, "set -e; git init -q /tmp/repo; cd /tmp/repo; echo 'print(\"hi\")' > main.py;"
                + " git add main.py; git -c user.name=t -c user.email=t@example.com commit -q -m first;"
                + " git log --format=%s; python3 main.py")).isEqualTo("first\nhi\n");

        // The guest writes anywhere; it sees its writes, in memory only.
        assertThat(ok(agent, 9, "set -e; echo root > /hearth-root-mark; echo usr > /usr/local/bin/hearth-mark;"
                + " echo tmp > /tmp/hearth-mark; rm /etc/hostname; mkdir -p /opt/x && echo opt > /opt/x/f;"
                + " cat /hearth-root-mark /usr/local/bin/hearth-mark /tmp/hearth-mark /opt/x/f; test ! -e /etc/hostname && echo gone"))
                .isEqualTo("root\nusr\ntmp\nopt\ngone\n");
        assertThat(ok(agent, 10, "test -w / && touch /usr/bin/new-file && ls /usr/bin/new-file")).isEqualTo("/usr/bin/new-file\n");

        long pid = vm.pid();
        vm.destroy();
        assertThat(ProcFs.isRunning(pid)).isFalse();
        assertThat(Files.getLastModifiedTime(root)).isEqualTo(modified);
        assertThat(sha256(root)).as("nothing the guest wrote reached the image").isEqualTo(before);
    }

    @Test
    void clonesOfOneSavedFullGuestEachKeepTheirOwnWrites() throws Exception {
        GuestImage image = TestGuest.image();
        Path root = TestGuest.rootImage();
        QemuVm original = keep(QemuVm.boot(image, options(root)));
        ok(original.agent(), 1, "echo saved > /etc/hearth-saved; node -e 0");
        Path state = temp.resolve("state/full.state");
        long saveStart = System.nanoTime();
        original.saveState(state);
        System.out.printf("full guest: save state %d ms, %d MiB%n", (System.nanoTime() - saveStart) / 1_000_000,
                Files.size(state) >> 20);
        original.destroy();

        QemuVm a = keep(QemuVm.restore(image, state, options(root)));
        QemuVm b = keep(QemuVm.restore(image, state, options(root)));
        System.out.printf("full guest: restore to first PONG: %d ms, %d ms%n", a.startup().toMillis(), b.startup().toMillis());

        assertThat(ok(a.agent(), 2, "cat /etc/hearth-saved; echo a > /usr/who; cat /usr/who")).isEqualTo("saved\na\n");
        assertThat(ok(b.agent(), 2, "cat /etc/hearth-saved; cat /usr/who 2>/dev/null || echo none; echo b > /usr/who"))
                .as("each clone has the saved writes, and only its own later ones").isEqualTo("saved\nnone\n");
        assertThat(ok(a.agent(), 3, "cat /usr/who; python3 -c 'print(6*7)'")).isEqualTo("a\n42\n");
        assertThat(ok(b.agent(), 3, "cat /usr/who; git --version | cut -d' ' -f1-2")).isEqualTo("b\ngit version\n");

        // A state of the full guest is not a state of the small one, nor of another image file.
        assertThatThrownBy(() -> QemuVm.restore(image, state, options(null))).hasMessageContaining("another image or shape");
        Path copy = temp.resolve("other.ext4");
        Files.copy(root, copy);
        assertThatThrownBy(() -> QemuVm.restore(image, state, options(copy))).hasMessageContaining("another image or shape");
    }

    @Test
    void theQemuBackendRunsWorkflowStepsInTheFullGuest() throws Exception {
        TestGuest.image();
        Path root = TestGuest.rootImage();
        // Booted: a base shape with a root image needs nothing else of the backend; restoring needs
        // its state files keyed by the root image, which the backend's wiring adds.
        QemuBackend backend = new QemuBackend(new QemuBackend.Settings(options(root), QemuBackend.Start.BOOT,
                GuestImageBuilder.inUserCache(), 1 << 20));
        Sandbox sandbox = backend.create(SandboxSpec.of("full", temp.resolve("full"))
                .withEnv(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/root")));
        try {
            sandbox.writeString("package.json", "{\"name\": \"x\", \"version\": \"1.0.0\"}");
            assertThat(step(sandbox, "node -p 'require(\"./package.json\").version'")).isEqualTo("1.0.0\n");
            assertThat(step(sandbox, "set -e; git init -q .; git -c user.name=t -c user.email=t@example.com commit -q --allow-empty -m one;"
                    + " git rev-list --count HEAD")).isEqualTo("1\n");
            assertThat(step(sandbox, "python3 -c 'import json,sys; print(json.load(open(\"package.json\"))[\"name\"])'"))
                    .isEqualTo("x\n");
            assertThat(step(sandbox, "bash -c 'shopt -s globstar; ls **/*.json'")).isEqualTo("package.json\n");
            assertThat(sandbox.readString("package.json", 100)).contains("1.0.0");
        } finally {
            sandbox.destroy();
        }
    }

    private static String step(Sandbox sandbox, String script) throws Exception {
        CollectedOutput out = new CollectedOutput();
        ExitStatus status = sandbox.exec(new ExecRequest(List.of("sh", "-c", script), Map.of(), sandbox.workRoot(),
                Duration.ofSeconds(120)), out);
        assertThat(status.code()).as("%s: %s", script, out.errorText()).isZero();
        return out.text();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
