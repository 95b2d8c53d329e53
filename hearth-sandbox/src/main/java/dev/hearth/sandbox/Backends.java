package dev.hearth.sandbox;

import dev.hearth.sandbox.bwrap.BwrapBackend;
import dev.hearth.sandbox.fcctl.FcctlBackend;
import dev.hearth.sandbox.host.HostBackend;
import dev.hearth.sandbox.vm.firecracker.FirecrackerBackend;
import dev.hearth.sandbox.vm.firecracker.FirecrackerSettings;
import dev.hearth.sandbox.vm.qemu.QemuBackend;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;

/** The sandbox backends this build knows, by the names users type. */
public final class Backends {
    private static final List<String> NAMES = List.of(HostBackend.NAME, BwrapBackend.NAME, QemuBackend.NAME,
            FirecrackerBackend.NAME, FcctlBackend.NAME);

    private Backends() {
    }

    /**
     * The backend with this name.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static SandboxBackend named(String name) {
        return switch (name) {
            case HostBackend.NAME -> new HostBackend();
            case BwrapBackend.NAME -> new BwrapBackend();
            case QemuBackend.NAME -> QemuBackend.fromEnvironment();
            case FirecrackerBackend.NAME -> firecracker(System.getenv());
            case FcctlBackend.NAME -> FcctlBackend.fromEnvironment();
            default -> throw new IllegalArgumentException(
                    "unknown sandbox backend '" + name + "'; known backends: " + String.join(", ", NAMES));
        };
    }

    /**
     * The firecracker backend as {@code HEARTH_FIRECRACKER_KERNEL} (an uncompressed vmlinux, which is
     * what Firecracker boots on x86-64), {@code HEARTH_FIRECRACKER_INITRD} (the initramfs of
     * {@code hearth image build}) and optionally {@code HEARTH_FIRECRACKER_BIN} set it up.
     */
    static SandboxBackend firecracker(Map<String, String> env) {
        String kernel = env.get("HEARTH_FIRECRACKER_KERNEL");
        String initrd = env.get("HEARTH_FIRECRACKER_INITRD");
        if (kernel == null || kernel.isBlank() || initrd == null || initrd.isBlank()) {
            return new UnavailableBackend(FirecrackerBackend.INFO, "HEARTH_FIRECRACKER_KERNEL (an uncompressed vmlinux) "
                    + "and HEARTH_FIRECRACKER_INITRD (the initramfs of hearth image build) are not both set");
        }
        FirecrackerSettings settings = FirecrackerSettings.of(Path.of(kernel), Path.of(initrd));
        String binary = env.get("HEARTH_FIRECRACKER_BIN");
        if (binary != null && !binary.isBlank()) {
            settings = settings.withFirecracker(Path.of(binary));
        }
        return new FirecrackerBackend(settings);
    }

    /** Every known backend, whether or not it works here. */
    public static List<SandboxBackend> all() {
        return NAMES.stream().map(Backends::named).toList();
    }

    /**
     * The strongest backend that works here: bwrap when its probe succeeds, else host (which isolates
     * nothing; callers should say so).
     */
    public static SandboxBackend preferred() {
        SandboxBackend bwrap = named(BwrapBackend.NAME);
        return bwrap.availability().available() ? bwrap : named(HostBackend.NAME);
    }
}
