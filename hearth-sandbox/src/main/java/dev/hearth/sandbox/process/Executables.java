package dev.hearth.sandbox.process;

import dev.hearth.sandbox.SandboxException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the host programs the backends rely on (setsid, bwrap, nsenter, kill, bash). */
public final class Executables {
    /** Searched after the JVM's PATH, which may be short when Hearth runs from a service manager. */
    private static final List<String> FALLBACK = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

    private Executables() {
    }

    /** The first executable file with this name on the JVM's PATH or in the usual system folders. */
    public static Optional<Path> find(String name) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(FALLBACK);
        return firstIn(dirs, name);
    }

    /** The first executable file with this name in the folders of {@code searchPath} (a PATH value). */
    public static Optional<Path> findOn(String name, String searchPath) {
        return firstIn(List.of(searchPath.split(File.pathSeparator)), name);
    }

    private static Optional<Path> firstIn(Collection<String> dirs, String name) {
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    /** Like {@link #find} but fails with a message a user can act on. */
    public static Path require(String name) throws SandboxException {
        return find(name).orElseThrow(() -> new SandboxException(
                "'" + name + "' was not found on the PATH or in " + String.join(", ", FALLBACK)));
    }
}
