package dev.hearth.sandbox.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The agent program for this machine, unpacked from the jar. It is kept in the user's cache folder
 * ({@code $XDG_CACHE_HOME/hearth} or {@code ~/.cache/hearth}, private to the user) under a name made
 * of the jar entry's CRC and size, so later runs find it there instead of inflating it again (some
 * 10 ms of every run's set-up); where that folder cannot be used, a private temporary file per JVM.
 * Absent when the build had no C compiler, on another architecture, or when turned off with
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
        java.net.URL url = AgentBinary.class.getResource(resource);
        if (url == null) {
            reason = "the build had no C compiler, or none for " + arch;
            return Optional.empty();
        }
        Optional<Path> cached = cached(url, resource);
        if (cached.isPresent()) {
            reason = "found at " + cached.get();
            return cached;
        }
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

    /** The agent in the user's cache folder, put there first if needed; empty when that cannot be done. */
    private static Optional<Path> cached(java.net.URL url, String resource) {
        try {
            String version;
            java.net.URLConnection connection = url.openConnection();
            if (connection instanceof java.net.JarURLConnection jar) {
                jar.setUseCaches(false);
                java.util.jar.JarEntry entry = jar.getJarEntry();
                if (entry == null || entry.getCrc() < 0 || entry.getSize() < 0) {
                    return Optional.empty();
                }
                version = Long.toHexString(entry.getCrc()) + "-" + entry.getSize();
                jar.getJarFile().close();
            } else if ("file".equals(url.getProtocol())) {
                Path source = Path.of(url.toURI());
                version = Long.toHexString(Files.getLastModifiedTime(source).toMillis()) + "-" + Files.size(source);
            } else {
                return Optional.empty();
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path dir = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("hearth");
            Path target = dir.resolve(resource + "-" + version);
            if (Files.isRegularFile(target) && Files.isExecutable(target)) {
                return Optional.of(target);
            }
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempFile(dir, resource + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            try (InputStream in = AgentBinary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    Files.deleteIfExists(tmp);
                    return Optional.empty();
                }
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
                // a rename: a run starting meanwhile sees the whole file or none
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return Optional.of(target);
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
