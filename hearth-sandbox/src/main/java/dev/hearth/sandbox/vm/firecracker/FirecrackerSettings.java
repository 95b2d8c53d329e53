package dev.hearth.sandbox.vm.firecracker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the firecracker backend makes its VMs.
 *
 * @param firecracker the {@code firecracker} binary
 * @param jailer      start it through this jailer, or null to start it directly
 * @param kernel      the guest kernel (uncompressed vmlinux, as Firecracker wants on x86-64)
 * @param initrd      the guest initramfs with the agent, or null
 * @param rootfs      a root filesystem image attached read-only as {@code rootfs}, or null
 * @param bootArgs    the kernel command line; {@code hearth.vsock=<agentPort>} is added so the guest's
 *                    init knows where to start the agent
 * @param vcpus       vCPUs when the spec sets no limit
 * @param memoryMib   memory when the spec sets no limit
 * @param agentPort   the guest vsock port the agent listens on ({@code hearth-agent --vsock-listen})
 * @param workRoot    the Hearth-owned folder inside the guest
 * @param stateDir    where VM folders (API socket, vsock socket, pid files, log) are made; keep it short,
 *                    since a unix socket's path must stay under 108 bytes
 * @param bootTimeout how long a VM may take from its process's start to its agent's first answer
 * @param apiTimeout  how long one API call may take
 */
public record FirecrackerSettings(Path firecracker, Jailer jailer, Path kernel, Path initrd, Path rootfs,
                                  String bootArgs, int vcpus, int memoryMib, int agentPort, String workRoot,
                                  Path stateDir, Duration bootTimeout, Duration apiTimeout) {
    /** Firecracker's usual guest command line: serial console, reboot and panic end the VM, no PCI. */
    public static final String DEFAULT_BOOT_ARGS = "console=ttyS0 reboot=k panic=1 pci=off";
    public static final int DEFAULT_AGENT_PORT = 10789;

    public FirecrackerSettings {
        Objects.requireNonNull(firecracker, "firecracker");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(stateDir, "stateDir");
        bootArgs = bootArgs == null ? DEFAULT_BOOT_ARGS : bootArgs;
        workRoot = workRoot == null ? "/hearth" : workRoot;
        bootTimeout = bootTimeout == null ? Duration.ofSeconds(30) : bootTimeout;
        apiTimeout = apiTimeout == null ? Duration.ofSeconds(10) : apiTimeout;
        if (vcpus < 1 || vcpus > 32) {
            throw new IllegalArgumentException("Firecracker takes 1 to 32 vCPUs, not " + vcpus);
        }
        if (memoryMib < 1) {
            throw new IllegalArgumentException("memory must be at least 1 MiB, not " + memoryMib);
        }
        if (agentPort < 1) {
            throw new IllegalArgumentException("not a vsock port: " + agentPort);
        }
    }

    /**
     * Settings with the defaults: {@code firecracker} from the PATH, no jailer, no root filesystem, 1
     * vCPU, 256 MiB, the state folder under {@code /tmp}.
     */
    public static FirecrackerSettings of(Path kernel, Path initrd) {
        Path binary = dev.hearth.sandbox.process.Executables.find("firecracker").orElse(Path.of("firecracker"));
        Path state = Path.of(System.getProperty("java.io.tmpdir"), "hearth-fc-" + System.getProperty("user.name"));
        return new FirecrackerSettings(binary, null, kernel, initrd, null, null, 1, 256, DEFAULT_AGENT_PORT, null,
                state, null, null);
    }

    public FirecrackerSettings withFirecracker(Path binary) {
        return new FirecrackerSettings(binary, jailer, kernel, initrd, rootfs, bootArgs, vcpus, memoryMib, agentPort,
                workRoot, stateDir, bootTimeout, apiTimeout);
    }

    public FirecrackerSettings withJailer(Jailer newJailer) {
        return new FirecrackerSettings(firecracker, newJailer, kernel, initrd, rootfs, bootArgs, vcpus, memoryMib,
                agentPort, workRoot, stateDir, bootTimeout, apiTimeout);
    }

    public FirecrackerSettings withRootfs(Path image) {
        return new FirecrackerSettings(firecracker, jailer, kernel, initrd, image, bootArgs, vcpus, memoryMib,
                agentPort, workRoot, stateDir, bootTimeout, apiTimeout);
    }

    public FirecrackerSettings withWorkRoot(String folder) {
        return new FirecrackerSettings(firecracker, jailer, kernel, initrd, rootfs, bootArgs, vcpus, memoryMib,
                agentPort, folder, stateDir, bootTimeout, apiTimeout);
    }

    public FirecrackerSettings withStateDir(Path folder) {
        return new FirecrackerSettings(firecracker, jailer, kernel, initrd, rootfs, bootArgs, vcpus, memoryMib,
                agentPort, workRoot, folder, bootTimeout, apiTimeout);
    }

    public FirecrackerSettings withTimeouts(Duration boot, Duration api) {
        return new FirecrackerSettings(firecracker, jailer, kernel, initrd, rootfs, bootArgs, vcpus, memoryMib,
                agentPort, workRoot, stateDir, boot, api);
    }

    /** The command line the guest gets. */
    String guestCommandLine() {
        return bootArgs + " hearth.vsock=" + agentPort;
    }

    /**
     * Firecracker's jailer: a chroot, a uid and a gid per VM (its production setup). The chroot is
     * {@code <chrootBase>/<firecracker file name>/<vm id>/root}; the guest files are linked into it.
     *
     * @param binary     the {@code jailer} binary
     * @param uid        the user the VM runs as
     * @param gid        its group
     * @param chrootBase where the jailer makes the chroots
     */
    public record Jailer(Path binary, int uid, int gid, Path chrootBase) {
        public Jailer {
            Objects.requireNonNull(binary, "binary");
            Objects.requireNonNull(chrootBase, "chrootBase");
        }

        /** The chroot of one VM. */
        Path chroot(Path firecracker, String id) {
            return chrootBase.resolve(firecracker.getFileName().toString()).resolve(id).resolve("root");
        }
    }
}
