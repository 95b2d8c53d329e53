package dev.hearth.sandbox;

import dev.hearth.sandbox.bwrap.BwrapBackend;
import dev.hearth.sandbox.fcctl.FcctlBackend;
import dev.hearth.sandbox.host.HostBackend;
import java.util.List;

/** The sandbox backends this build knows, by the names users type. */
public final class Backends {
    private static final List<String> NAMES = List.of(HostBackend.NAME, BwrapBackend.NAME, FcctlBackend.NAME);

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
            case FcctlBackend.NAME -> FcctlBackend.fromEnvironment();
            default -> throw new IllegalArgumentException(
                    "unknown sandbox backend '" + name + "'; known backends: " + String.join(", ", NAMES));
        };
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
