package dev.hearth.sandbox;

/** Makes sandboxes of one kind: host process trees, bubblewrap namespaces, microVMs, a remote API. */
public interface SandboxBackend {

    /** The backend's name as users type it: {@code host}, {@code bwrap}, {@code qemu}. */
    default String name() {
        return info().name();
    }

    /** What isolation and features this backend gives. */
    BackendInfo info();

    /** Whether this backend can work on this machine, and why not; cheap enough to call per run. */
    Availability availability();

    /**
     * Creates a sandbox and blocks until it answers commands.
     *
     * @throws SandboxException when it cannot be made; nothing is left behind then
     */
    Sandbox create(SandboxSpec spec) throws SandboxException;
}
