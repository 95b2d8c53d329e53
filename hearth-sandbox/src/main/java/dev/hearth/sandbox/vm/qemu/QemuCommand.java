package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.vm.image.GuestImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** QEMU's command line for one VM: the microvm machine, the guest, its agent port, QMP and console. */
final class QemuCommand {
    /**
     * {@code tsc_early_khz}: without it about one emulated boot in five hangs calibrating the TSC.
     * {@code panic=-1} with {@code -no-reboot}: a panicking guest ends QEMU instead of hanging.
     * {@code init_on_free=1}: freed pages are zeroed, so a saved state carries only memory in use (the
     * unpacked initramfs's buffer, freed after boot, is most of the rest): 57 MiB instead of 91, and a
     * restore reads that much less.
     */
    static final String KERNEL_ARGS = "console=ttyS0 panic=-1 tsc_early_khz=2000000 init_on_free=1 quiet";

    /** The kernel command-line switch that makes the guest's init run the agent in the root image. */
    static final String ROOT_SWITCH = "hearth.root=1";

    private QemuCommand() {
    }

    static List<String> argv(Path qemu, GuestImage image, VmOptions options, Accelerator accel, VmFolder folder,
            Path incoming) {
        List<String> argv = new ArrayList<>(List.of(qemu.toString(),
                // ACPI stays on: the cloud kernel finds the virtio-mmio devices through it.
                "-M", "microvm,pit=on,pic=on,rtc=on",
                "-accel", accel.option(),
                "-nodefaults", "-no-user-config", "-nographic", "-no-reboot",
                "-m", Integer.toString(options.memoryMib()),
                "-smp", Integer.toString(options.cpus()),
                "-kernel", image.kernel().toString(),
                "-initrd", image.initrd().toString(),
                "-append", KERNEL_ARGS + (options.network() ? " " + GuestImage.NETWORK_SWITCH : "")
                        + (options.rootImage() != null ? " " + ROOT_SWITCH : ""),
                "-chardev", "file,id=console,path=" + folder.console(),
                "-serial", "chardev:console",
                // wait=on: QEMU holds the guest until Hearth is connected, so the agent never reads
                // end of file from a port nobody listens on.
                "-chardev", "socket,id=agent,path=" + folder.agentSocket() + ",server=on,wait=on",
                "-device", "virtio-serial-device",
                "-device", "virtserialport,chardev=agent,name=" + GuestImage.AGENT_PORT,
                "-qmp", "unix:" + folder.qmpSocket() + ",server=on,wait=off"));
        if (accel == Accelerator.KVM) {
            argv.addAll(List.of("-cpu", "host"));
        }
        if (options.rootImage() != null) {
            // Read-only: every VM shares the image, and its writes go to a memory overlay in the guest.
            // Attached before any other disk, so it is the guest's /dev/vda (init also finds it by label).
            argv.addAll(List.of("-drive", "file=" + options.rootImage().toAbsolutePath().toString().replace(",", ",,")
                    + ",if=none,id=root,format=raw,readonly=on",
                    "-device", "virtio-blk-device,drive=root"));
        }
        if (options.network()) {
            argv.addAll(List.of("-netdev", "user,id=net0", "-device", "virtio-net-device,netdev=net0"));
        }
        if (incoming != null) {
            argv.addAll(List.of("-incoming", "exec:cat '" + incoming.toAbsolutePath() + "'"));
        }
        return argv;
    }
}
