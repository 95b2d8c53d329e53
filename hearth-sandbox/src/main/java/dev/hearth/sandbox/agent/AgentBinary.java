package dev.hearth.sandbox.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The agent program for this machine, unpacked once per JVM from the jar into a private temporary
 * file. Absent when the build had no C compiler, on another architecture, or when turned off with
 * {@code -Dhearth.agent=off}.
 */
public final class AgentBinary {
    private static final Object LOCK = new Object();
    private static Optional<Path> unpacked;
    private static String reason = "not looked for yet";

    private AgentBinary() {
    }

    /** The agent's path, or empty (see {@link #reason()}). */
    public static Optional<Path> path() {
        synchronized (LOCK) {
            if (unpacked == null) {
                unpacked = unpack();
            }
            return unpacked;
        }
    }

    /** Why {@link #path()} is empty, for logs. */
    public static String reason() {
        synchronized (LOCK) {
            return reason;
        }
    }

    private static Optional<Path> unpack() {
        if ("off".equalsIgnoreCase(System.getProperty("hearth.agent", ""))) {
            reason = "turned off with -Dhearth.agent=off";
            return Optional.empty();
        }
        String arch = switch (System.getProperty("os.arch", "")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64" -> "aarch64";
            default -> System.getProperty("os.arch", "");
        };
        String resource = "hearth-agent-linux-" + arch;
        try (InputStream in = AgentBinary.class.getResourceAsStream(resource)) {
            if (in == null) {
                reason = "the build had no C compiler, or none for " + arch;
                return Optional.empty();
            }
            Path file = Files.createTempFile("hearth-agent-", "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            // REPLACE_EXISTING makes a new file with default permissions: make it executable again
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
            file.toFile().deleteOnExit();
            reason = "unpacked to " + file;
            return Optional.of(file);
        } catch (IOException | UnsupportedOperationException e) {
            reason = "cannot unpack it: " + e.getMessage();
            return Optional.empty();
        }
    }
}
