package dev.hearth.cli.run;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;
import java.io.PrintWriter;

/** The sandbox backend of a run: the one named with {@code --backend}, else the preferred one. */
public final class BackendChoice {

    private BackendChoice() {
    }

    /**
     * @param name the backend asked for, or null for the preferred one (bwrap when it works, else host,
     *             with a warning on {@code err} that steps run directly on the host)
     * @throws UsageException an unknown name, or a backend that does not work on this machine
     */
    public static SandboxBackend choose(String name, PrintWriter err) throws UsageException {
        if (name != null) {
            SandboxBackend b;
            try {
                b = Backends.named(name);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--backend: " + e.getMessage());
            }
            Availability a = b.availability();
            if (!a.available()) {
                throw new UsageException("backend " + b.name() + " is not available here: " + a.reason());
            }
            return b;
        }
        SandboxBackend preferred = Backends.preferred();
        if (preferred.name().equals("host")) {
            String reason;
            try {
                reason = Backends.named("bwrap").availability().reason();
            } catch (IllegalArgumentException e) {
                reason = "not built in";
            }
            err.println("warning: bwrap not available (" + reason + "); running steps directly on the host");
            err.flush();
        }
        return preferred;
    }
}
