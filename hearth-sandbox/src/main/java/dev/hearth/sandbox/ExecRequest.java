package dev.hearth.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One command to run in a sandbox.
 *
 * @param argv    the program and its arguments; the program is looked up on the request's PATH
 * @param env     the environment added over the sandbox's own ({@link SandboxSpec#env()}); nothing
 *                else from the host leaks in
 * @param cwd     the working directory, a path inside the sandbox; created when missing
 * @param timeout how long it may run before it is killed, or null for no limit
 * @param file    a file the sandbox creates just before the command starts and deletes once it ended (a
 *                step's script), or null; only for a sandbox that {@link Sandbox#writesRequestFiles()}
 */
public record ExecRequest(List<String> argv, Map<String, String> env, String cwd, Duration timeout, File file) {
    public ExecRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
        env = Map.copyOf(env);
        Objects.requireNonNull(cwd, "cwd");
    }

    public ExecRequest(List<String> argv, Map<String, String> env, String cwd, Duration timeout) {
        this(argv, env, cwd, timeout, null);
    }

    /**
     * A file that exists only while its command runs.
     *
     * @param path    a path inside the sandbox where nothing exists yet
     * @param content its bytes
     */
    public record File(String path, byte[] content) {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(content, "content");
        }
    }

    public static ExecRequest of(String cwd, String... argv) {
        return new ExecRequest(List.of(argv), Map.of(), cwd, null);
    }

    public ExecRequest withEnv(Map<String, String> newEnv) {
        return new ExecRequest(argv, newEnv, cwd, timeout, file);
    }

    public ExecRequest withTimeout(Duration newTimeout) {
        return new ExecRequest(argv, env, cwd, newTimeout, file);
    }
}
