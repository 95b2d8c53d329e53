package dev.hearth.actions.classify;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a docker engine can be expected on this machine, told without starting anything (plans must
 * stay quick): a {@code docker} client on the {@code PATH} and an engine to talk to, {@code DOCKER_HOST}
 * or the default socket. A stopped daemon behind an existing socket still counts; running a step finds
 * out for sure.
 */
public final class DockerEngine {
    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerEngine() {
    }

    /** For this process's environment. */
    public static boolean present() {
        return present(System.getenv());
    }

    static boolean present(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        boolean engine = host != null && !host.isBlank() || Files.exists(DEFAULT_SOCKET);
        return engine && onPath("docker", env.get("PATH"));
    }

    private static boolean onPath(String program, String path) {
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
