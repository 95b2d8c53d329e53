package dev.hearth.sandbox.bwrap;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.process.Executables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Sandboxes in bubblewrap ({@code bwrap}) namespaces: no root file system writes, a private
 * {@code /tmp}, separate processes, hostname and (by default) no network. Needs {@code bwrap},
 * {@code nsenter} and {@code setsid} on the host, and user namespaces when not run as root.
 */
public final class BwrapBackend implements SandboxBackend {
    public static final String NAME = "bwrap";
    private static final BackendInfo INFO = new BackendInfo(NAME, BackendInfo.Isolation.NAMESPACE,
            Set.of(BackendInfo.Capability.NETWORK_POLICY));

    /** The probe's answer, kept for the JVM's life: the machine does not change under us. */
    private static volatile Availability availability;

    @Override
    public BackendInfo info() {
        return INFO;
    }

    @Override
    public Availability availability() {
        Availability known = availability;
        if (known == null) {
            synchronized (BwrapBackend.class) {
                known = availability;
                if (known == null) {
                    known = probe();
                    if (!Thread.currentThread().isInterrupted()) {
                        availability = known;
                    }
                }
            }
        }
        return known;
    }

    /** Makes a sandbox and runs {@code true} in it: the only test that covers kernels and policies. */
    private Availability probe() {
        for (String program : new String[] {"bwrap", "nsenter", "setsid"}) {
            if (Executables.find(program).isEmpty()) {
                return Availability.no("'" + program + "' was not found on the PATH");
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("hearth-bwrap-probe-");
        } catch (IOException e) {
            return Availability.no("cannot make a temporary directory for the probe: " + e.getMessage());
        }
        try (Sandbox sandbox = create(SandboxSpec.of("hearth-bwrap-probe", dir))) {
            ExitStatus status = sandbox.exec(
                    ExecRequest.of("/", "true").withEnv(Map.of("PATH", "/usr/bin:/bin")), OutputSink.DISCARD);
            if (!status.success()) {
                return Availability.no("a probe sandbox ran 'true' and it exited with " + status.code());
            }
            return Availability.yes("bwrap at " + Executables.find("bwrap").orElseThrow() + " works");
        } catch (SandboxException e) {
            return Availability.no(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Availability.no("interrupted while probing bwrap");
        }
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        return BwrapSandbox.create(spec, INFO);
    }
}
