package dev.hearth.sandbox.vm.firecracker;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.sandbox.agent.AgentBinary;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Sets up a test's stand-in {@code firecracker}: a shell script that runs {@link FirecrackerStandIn} in
 * a JVM of its own with the given options, so the backend starts a real process as it would start the
 * real binary; dummy kernel and initramfs files; and the backend's settings pointing at all that.
 */
final class StandIn {
    final Path root;
    final Path stateDir;
    final Path violations;
    final Path workRoot;
    final Path kernel;
    final Path initrd;

    StandIn(Path root) throws IOException {
        this.root = root;
        this.stateDir = root.resolve("state");
        this.violations = root.resolve("violations.txt");
        this.workRoot = root.resolve("guest-work");
        Path guest = Files.createDirectories(root.resolve("guest"));
        this.kernel = Files.writeString(guest.resolve("vmlinux"), "not a kernel: the stand-in never runs it");
        this.initrd = Files.writeString(guest.resolve("initrd.img"), "not an initramfs either");
    }

    /** Writes the stand-in script with these options ({@code STANDIN_FAIL}, {@code STANDIN_AGENT_MODE}). */
    Path binary(Map<String, String> options) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STANDIN_AGENT", AgentBinary.path().orElseThrow().toString());
        env.put("STANDIN_VIOLATIONS", violations.toString());
        env.putAll(options);
        StringBuilder script = new StringBuilder("#!/bin/sh\n");
        env.forEach((k, v) -> script.append("export ").append(k).append("='").append(v).append("'\n"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        script.append("exec ").append(java)
                .append(" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx64m -Xshare:auto -cp '")
                .append(classPath()).append("' ").append(FirecrackerStandIn.class.getName()).append(" \"$@\"\n");
        Path bin = Files.createDirectories(root.resolve("bin-" + Math.abs(options.hashCode())));
        Path file = bin.resolve("firecracker");
        Files.writeString(file, script);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    /**
     * A stand-in for Firecracker's jailer: takes the jailer's arguments, makes the chroot folder
     * ({@code <base>/<exec file name>/<id>/root}) and starts the exec file there with the arguments
     * after {@code --}. It changes neither root nor user: the stand-in firecracker reads paths inside
     * that folder from {@code STANDIN_ROOT} instead.
     */
    Path jailer() throws IOException {
        Path file = Files.createDirectories(root.resolve("jailer-bin")).resolve("jailer");
        Files.writeString(file, """
                #!/bin/sh
                while [ $# -gt 0 ]; do
                  case $1 in
                    --id) id=$2; shift 2 ;;
                    --exec-file) exe=$2; shift 2 ;;
                    --uid|--gid) shift 2 ;;
                    --chroot-base-dir) base=$2; shift 2 ;;
                    --) shift; break ;;
                    *) echo "jailer: unknown argument $1" >&2; exit 1 ;;
                  esac
                done
                [ -n "$id" ] && [ -n "$exe" ] && [ -n "$base" ] || { echo "jailer: --id, --exec-file, --chroot-base-dir needed" >&2; exit 1; }
                root="$base/$(basename "$exe")/$id/root"
                mkdir -p "$root" && cd "$root" || exit 1
                STANDIN_ROOT="$root" exec "$exe" --id "$id" "$@"
                """);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    FirecrackerSettings settings(Map<String, String> options) throws IOException {
        return FirecrackerSettings.of(kernel, initrd)
                .withFirecracker(binary(options))
                .withStateDir(stateDir)
                .withWorkRoot(workRoot.toString())
                .withTimeouts(Duration.ofSeconds(20), Duration.ofSeconds(10));
    }

    FirecrackerSettings settings() throws IOException {
        return settings(Map.of());
    }

    /** What the stand-in refused as a bad request; empty when the backend spoke the API correctly. */
    List<String> violations() throws IOException {
        return Files.exists(violations) ? Files.readAllLines(violations) : List.of();
    }

    /** The VM folders left in the state folder. */
    List<Path> folders() throws IOException {
        if (!Files.isDirectory(stateDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(stateDir)) {
            return list.toList();
        }
    }

    /** Processes working in the state folder: stand-ins and the agents they started. */
    List<Long> processes() {
        List<Long> found = new ArrayList<>();
        Path state;
        try {
            state = stateDir.toRealPath();
        } catch (IOException e) {
            return found;
        }
        for (ProcessHandle p : ProcessHandle.allProcesses().toList()) {
            try {
                Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd"));
                if (cwd.startsWith(state) && p.isAlive()) {
                    found.add(p.pid());
                }
            } catch (IOException | UnsupportedOperationException e) {
                // gone, or not ours to look at
            }
        }
        return found;
    }

    /** The test classes and Jackson: what the stand-in needs. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(FirecrackerStandIn.class, FirecrackerApi.class, ObjectMapper.class, JsonFactory.class,
                JsonInclude.class)) {
            try {
                String entry = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
                if (!entries.contains(entry)) {
                    entries.add(entry);
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(":", entries);
    }
}
