package dev.hearth.sandbox.vm.qemu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The shape of one VM and where its folder goes.
 *
 * @param memoryMib   guest memory
 * @param cpus        virtual CPUs
 * @param network     whether the guest gets QEMU's user-mode network (off by default: no NIC at all)
 * @param bootTimeout how long a boot or restore may take until the agent answers; then it is killed
 * @param runRoot     the private folder holding one folder per VM (sockets, console log, pid files)
 */
public record VmOptions(int memoryMib, int cpus, boolean network, Duration bootTimeout, Path runRoot) {
    public VmOptions {
        if (memoryMib < 64) {
            throw new IllegalArgumentException("a guest needs at least 64 MiB, not " + memoryMib);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("a guest needs at least one CPU, not " + cpus);
        }
    }

    /** 256 MiB, one CPU, no network, 60 s to boot (emulated boots take 2-5 s on a busy host), {@link #defaultRunRoot()}. */
    public static VmOptions defaults() {
        return new VmOptions(256, 1, false, Duration.ofSeconds(60), defaultRunRoot());
    }

    public VmOptions withMemoryMib(int mib) {
        return new VmOptions(mib, cpus, network, bootTimeout, runRoot);
    }

    public VmOptions withCpus(int count) {
        return new VmOptions(memoryMib, count, network, bootTimeout, runRoot);
    }

    public VmOptions withNetwork(boolean on) {
        return new VmOptions(memoryMib, cpus, on, bootTimeout, runRoot);
    }

    public VmOptions withBootTimeout(Duration timeout) {
        return new VmOptions(memoryMib, cpus, network, timeout, runRoot);
    }

    public VmOptions withRunRoot(Path root) {
        return new VmOptions(memoryMib, cpus, network, bootTimeout, root);
    }

    /**
     * {@code $XDG_RUNTIME_DIR/hearth-vms}, else {@code <tmpdir>/hearth-vms-<uid>}: short, because unix
     * socket paths are limited to 107 bytes, and per user, because it is private.
     */
    public static Path defaultRunRoot() {
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Files.isDirectory(Path.of(runtime))) {
            return Path.of(runtime, "hearth-vms");
        }
        Object uid;
        try {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            uid = System.getProperty("user.name");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "hearth-vms-" + uid);
    }
}
