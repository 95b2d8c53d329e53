package dev.hearth.sandbox.process;

import java.util.UUID;

/**
 * A unique value put into the environment of every process a sandbox starts, so that processes
 * which left the sandbox's process groups (a daemon that made its own session) can still be found
 * through {@code /proc/<pid>/environ} and killed with the sandbox.
 *
 * @param value letters, digits and dashes only
 */
public record SandboxMarker(String value) {
    /** The environment variable that carries the marker. */
    public static final String VARIABLE = "HEARTH_SANDBOX_ID";

    public SandboxMarker {
        if (!value.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("a sandbox marker is letters, digits and dashes: " + value);
        }
    }

    public static SandboxMarker fresh() {
        return new SandboxMarker(UUID.randomUUID().toString());
    }

    /** The environment entry, {@code HEARTH_SANDBOX_ID=<value>}. */
    public String environmentEntry() {
        return VARIABLE + "=" + value;
    }

    /** Every process that carries this marker, other than this JVM. */
    public java.util.List<Long> processes() {
        return ProcFs.withEnvironmentEntry(environmentEntry());
    }

    /**
     * Kills every process carrying this marker, again while new ones appear (a process may fork
     * while it is being killed).
     */
    public void killAll() {
        for (int round = 0; round < 10; round++) {
            java.util.List<Long> left = processes();
            if (left.isEmpty()) {
                return;
            }
            Signals.toProcesses(left, Signals.KILL);
        }
    }
}
