package dev.hearth.sandbox.vm.qemu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.vm.image.GuestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real microVMs: boot, commands over the raw agent frames, destroy, save and restore clones. */
class QemuVmTest {
    @TempDir
    Path temp;

    private final List<QemuVm> vms = new ArrayList<>();

    @AfterEach
    void destroyAll() {
        vms.forEach(QemuVm::destroy);
    }

    private VmOptions options() {
        return VmOptions.defaults().withRunRoot(temp.resolve("vms"));
    }

    private QemuVm keep(QemuVm vm) {
        vms.add(vm);
        return vm;
    }

    @Test
    void bootsRunsCommandsKeepsBackgroundProcessesAndLeavesNothingBehind() throws Exception {
        GuestImage image = TestGuest.image();
        QemuVm vm = keep(QemuVm.boot(image, options()));
        System.out.printf("cold boot to first PONG: %d ms (%s)%n", vm.startup().toMillis(), vm.acceleratorUsed());
        assertThat(vm.agentHello()).startsWith("hearth-agent");

        AgentFrames.write(vm.agent().output(), AgentFrames.PING, 42, new byte[0]);
        AgentFrames.Frame pong = AgentFrames.read(vm.agent().input());
        assertThat(pong.type()).isEqualTo(AgentFrames.PONG);
        assertThat(pong.id()).isEqualTo(42);

        TestGuest.Ran ran = TestGuest.sh(vm.agent(), 7, "echo hi; exit 3");
        assertThat(ran.started()).isTrue();
        assertThat(ran.stdout()).isEqualTo("hi\n");
        assertThat(ran.code()).isEqualTo(3);

        TestGuest.Ran first = TestGuest.sh(vm.agent(), 8, "sleep 600 >/dev/null 2>&1 & echo $! > /tmp/bg.pid; uname -r");
        assertThat(first.code()).isZero();
        assertThat(first.stdout().strip()).isEqualTo(image.kernelRelease());
        TestGuest.Ran second = TestGuest.sh(vm.agent(), 9, "kill -0 $(cat /tmp/bg.pid) && echo alive; ip link | grep -c eth0");
        assertThat(second.stdout()).as("the background process lives on, and there is no NIC").isEqualTo("alive\n0\n");

        long pid = vm.pid();
        Path folder = vm.directory();
        vm.destroy();
        vm.destroy(); // idempotent
        assertThat(ProcFs.isRunning(pid)).isFalse();
        assertThat(ProcFs.withCommandLineContaining(folder.toString())).isEmpty();
        assertThat(folder).doesNotExist();
    }

    @Test
    void coldBootsOneAfterAnother() throws Exception {
        GuestImage image = TestGuest.image();
        List<Long> boots = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            QemuVm vm = keep(QemuVm.boot(image, options()));
            boots.add(vm.startup().toMillis());
            assertThat(TestGuest.sh(vm.agent(), 1, "echo $((6 * 7))").stdout()).isEqualTo("42\n");
            vm.destroy();
        }
        System.out.printf("cold boot to first PONG: median %d ms of %s%n", TestGuest.median(boots), boots);
    }

    @Test
    void clonesRestoredFromOneSavedStateRunSideBySide() throws Exception {
        GuestImage image = TestGuest.image();
        QemuVm original = keep(QemuVm.boot(image, options()));
        TestGuest.sh(original.agent(), 1, "echo before-save > /tmp/mark");
        Path state = temp.resolve("state/vm.state");
        long saveStart = System.nanoTime();
        original.saveState(state);
        System.out.printf("save state: %d ms, %d MiB%n", (System.nanoTime() - saveStart) / 1_000_000, Files.size(state) >> 20);
        original.destroy();

        List<Long> restores = new ArrayList<>();
        QemuVm a = keep(QemuVm.restore(image, state, options()));
        QemuVm b = keep(QemuVm.restore(image, state, options()));
        restores.add(a.startup().toMillis());
        restores.add(b.startup().toMillis());
        assertThat(a.directory()).isNotEqualTo(b.directory());
        assertThat(a.pid()).isNotEqualTo(b.pid());

        TestGuest.Ran inA = TestGuest.sh(a.agent(), 2, "cat /tmp/mark; echo a > /tmp/who; cat /tmp/who");
        TestGuest.Ran inB = TestGuest.sh(b.agent(), 2, "cat /tmp/mark; cat /tmp/who 2>/dev/null || echo none");
        assertThat(inA.stdout()).isEqualTo("before-save\na\n");
        assertThat(inB.stdout()).as("clones share the saved state, not each other's later changes").isEqualTo("before-save\nnone\n");
        a.destroy();
        b.destroy();
        for (int i = 0; i < 3; i++) {
            QemuVm c = keep(QemuVm.restore(image, state, options()));
            restores.add(c.startup().toMillis());
            assertThat(TestGuest.sh(c.agent(), 3, "cat /tmp/mark").stdout()).isEqualTo("before-save\n");
            c.destroy();
        }
        System.out.printf("restore to first PONG: median %d ms of %s%n", TestGuest.median(restores), restores);
    }

    @Test
    void aRestoreOfAnotherShapeIsRefused() throws Exception {
        GuestImage image = TestGuest.image();
        QemuVm original = keep(QemuVm.boot(image, options()));
        Path state = temp.resolve("vm.state");
        original.saveState(state);
        original.destroy();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QemuVm.restore(image, state, options().withMemoryMib(512)))
                .hasMessageContaining("another image or shape");
    }

    @Test
    void aBootThatDoesNotAnswerIsKilledAndQuotesTheConsole() throws Exception {
        GuestImage image = TestGuest.image();
        // Far too little time to boot: the VM is killed and the error says what the guest printed.
        VmOptions hurried = options().withBootTimeout(java.time.Duration.ofMillis(300));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> keep(QemuVm.boot(image, hurried)))
                .hasMessageContaining("did not answer within")
                .hasMessageContaining("guest console");
        assertThat(ProcFs.withCommandLineContaining(temp.resolve("vms").toString())).isEmpty();
        try (var left = Files.list(temp.resolve("vms"))) {
            assertThat(left.filter(Files::isDirectory).toList()).isEmpty();
        }
    }
}
