package dev.hearth.sandbox;

import java.util.List;

/**
 * TEMPORARY stand-in on branch cli-run, so {@code hearth run} compiles before the real registry of
 * backends (branch sandbox-backends) lands on main. Same signatures as the real one; it knows no
 * backend yet. Drop this file in favour of the real one when merging.
 */
public final class Backends {
    private Backends() {
    }

    /** The backend with this name ({@code host}, {@code bwrap}). */
    public static SandboxBackend named(String name) {
        throw new IllegalArgumentException("unknown backend '" + name + "' (no backend is built in yet)");
    }

    /** Every built-in backend. */
    public static List<SandboxBackend> all() {
        return List.of();
    }

    /** bwrap when it is available, else host. */
    public static SandboxBackend preferred() {
        throw new IllegalStateException("no backend is built in yet");
    }
}
