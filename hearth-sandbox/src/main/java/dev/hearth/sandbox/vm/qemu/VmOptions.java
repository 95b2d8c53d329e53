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
 * @param rootImage   the root filesystem image ({@link dev.hearth.sandbox.vm.image.RootfsBuilder}) the guest
 *                    runs its agent in, attached read-only; null for none (the initramfs's busybox only)
 */
public record VmOptions(int memoryMib, int cpus, boolean network, Duration bootTimeout, Path runRoot, Path rootImage) {
    public VmOptions {
        if (memoryMib < 64) {
            throw new IllegalArgumentException("a guest needs at least 64 MiB, not " + memoryMib);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("a guest needs at least one CPU, not " + cpus);
        }
    }

    /** Options without a root filesystem image. */
    public VmOptions(int memoryMib, int cpus, boolean network, Duration bootTimeout, Path runRoot) {
        this(memoryMib, cpus, network, bootTimeout, runRoot, null);
    }

    /**
     * 256 MiB, one CPU, no network, 60 s to boot (emulated boots take 2-5 s on a busy host),
     * {@link #defaultRunRoot()}, no root filesystem image.
     */
    public static VmOptions defaults() {
        return new VmOptions(256, 1, false, Duration.ofSeconds(60), defaultRunRoot(), null);
    }

    public VmOptions withMemoryMib(int mib) {
        return new VmOptions(mib, cpus, network, bootTimeout, runRoot, rootImage);
    }

    public VmOptions withCpus(int count) {
        return new VmOptions(memoryMib, count, network, bootTimeout, runRoot, rootImage);
    }

    public VmOptions withNetwork(boolean on) {
        return new VmOptions(memoryMib, cpus, on, bootTimeout, runRoot, rootImage);
    }

    public VmOptions withBootTimeout(Duration timeout) {
        return new VmOptions(memoryMib, cpus, network, timeout, runRoot, rootImage);
    }

    public VmOptions withRunRoot(Path root) {
        return new VmOptions(memoryMib, cpus, network, bootTimeout, root, rootImage);
    }

    /** The same shape with the root filesystem image {@code image} attached (null: none). */
    public VmOptions withRootImage(Path image) {
        return new VmOptions(memoryMib, cpus, network, bootTimeout, runRoot, image);
    }

    /**
     * Names the root image for keying saved states: {@code none}, or a short hash of the image's
     * absolute path, size and modification time. A saved guest holds the image's blocks in its page
     * cache, so a state is only good with the very image it was saved with: a rebuilt image (same
     * path, new file) gets a new key.
     */
    public String rootImageKey() {
        if (rootImage == null) {
            return "none";
        }
        String identity = rootImage.toAbsolutePath().normalize().toString();
        try {
            identity += ":" + Files.size(rootImage) + ":" + Files.getLastModifiedTime(rootImage).toMillis();
        } catch (IOException e) {
            identity += ":absent";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(identity.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "root-" + java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
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
