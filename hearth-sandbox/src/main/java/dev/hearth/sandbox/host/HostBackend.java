package dev.hearth.sandbox.host;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.process.Executables;
import java.util.Set;

/**
 * Runs commands as plain host processes: no isolation, but the same process bookkeeping as the
 * isolated backends (every command leads its own process group, leftovers are killed with the
 * sandbox). For developers' laptops where nothing stronger is available.
 */
public final class HostBackend implements SandboxBackend {
    public static final String NAME = "host";
    private static final BackendInfo INFO = new BackendInfo(NAME, BackendInfo.Isolation.PROCESS, Set.of());

    private final boolean useAgent;

    /** Runs commands through the exec agent when the build made one, else spawns them from Java. */
    public HostBackend() {
        this(true);
    }

    /** @param useAgent false to spawn every command from Java even when the exec agent exists */
    public HostBackend(boolean useAgent) {
        this.useAgent = useAgent;
    }

    @Override
    public BackendInfo info() {
        return INFO;
    }

    @Override
    public Availability availability() {
        for (String program : new String[] {"setsid", "bash"}) {
            if (Executables.find(program).isEmpty()) {
                return Availability.no("'" + program + "' was not found");
            }
        }
        return Availability.yes("commands run as host processes, without isolation");
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        return HostSandbox.create(spec, INFO, useAgent);
    }
}
