package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.process.Reaper;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import java.nio.file.Path;

/**
 * A stand-in for a Hearth process, run as its own JVM by {@link QemuVmOwnerDeathTest}: boots one VM
 * under {@code args[0]}, prints {@code ready <qemu pid> <vm folder> <reaper pid>}, then waits to be killed.
 * With {@code args[1]} = {@code paused}, the VM is first paused (its state saved), so that it cannot
 * power off by itself when its owner dies, and only the reaper or a sweep can end that QEMU.
 */
public final class VmOwner {
    public static void main(String[] args) throws Exception {
        QemuVm vm = QemuVm.boot(GuestImageBuilder.inUserCache().build().image(),
                VmOptions.defaults().withRunRoot(Path.of(args[0])));
        if (args.length > 1 && args[1].equals("paused")) {
            // A VM paused to save its state, as a snapshot leaves it, runs no guest code: it cannot
            // notice that its host end went away and power off.
            vm.saveState(Path.of(args[0]).resolveSibling("owner.state"));
        }
        System.out.println("ready " + vm.pid() + " " + vm.directory() + " " + Reaper.shared().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
