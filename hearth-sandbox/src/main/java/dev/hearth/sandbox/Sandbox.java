package dev.hearth.sandbox;

import java.nio.file.Path;

/**
 * A live sandbox. All paths are paths inside the sandbox. Closing it destroys it.
 *
 * <p>Commands run one after another or side by side; a process a command leaves running (a server
 * started with {@code &}) keeps running until {@link #killProcesses()} or {@link #destroy()}.
 */
public interface Sandbox extends AutoCloseable {

    /** The name it was created with. */
    String name();

    /** The backend that made it. */
    BackendInfo info();

    /**
     * A directory inside the sandbox that belongs to Hearth: writable, empty at first, and the place
     * for workspaces, temp folders and command files.
     */
    String workRoot();

    /** Starts a command; its output goes to the sink as it comes. */
    Execution start(ExecRequest request, OutputSink sink) throws SandboxException;

    /**
     * Whether this sandbox honours {@link ExecRequest#file()}: creates the file just before the command
     * starts and deletes it once the command ended. A caller asks before each request that has one;
     * where this is false it writes and deletes the file itself.
     */
    default boolean writesRequestFiles() {
        return false;
    }

    /** Whether {@link #startAfter} can queue commands here, so that a caller need not prepare one in vain. */
    default boolean queues() {
        return false;
    }

    /**
     * Queues a command to start the moment {@code previous} (started by this sandbox) ends, without a
     * round trip through the caller, but only if {@code previous} exited with code 0, printed nothing
     * that may be a workflow command ({@code ::} or {@code ##[}), and left each of {@code mustBeEmpty}
     * absent or empty. This lets the engine prepare a step while the one before it runs. The request's
     * timeout counts from the actual start, and ends at {@code notAfter} at the latest. Its output goes
     * to the sink from the start on, so the sink must hold it until the caller is ready for it.
     *
     * @param notAfter when the command must end however late it started (a job's deadline), or null
     * @return the queued command, or empty when this sandbox cannot queue (the caller then starts the
     *         command itself once {@code previous} has ended)
     */
    default java.util.Optional<QueuedExecution> startAfter(Execution previous, java.util.List<String> mustBeEmpty,
                                                           ExecRequest request, java.time.Instant notAfter,
                                                           OutputSink sink)
            throws SandboxException {
        return java.util.Optional.empty();
    }

    /** Runs a command to its end. */
    default ExitStatus exec(ExecRequest request, OutputSink sink) throws SandboxException, InterruptedException {
        return start(request, sink).await();
    }

    /** Writes a file (parents created), replacing what was there. */
    void writeFile(String path, byte[] content) throws SandboxException;

    /**
     * Reads a file.
     *
     * @param maxBytes refuse files larger than this
     * @throws SandboxException when it is missing, unreadable or too large
     */
    byte[] readFile(String path, long maxBytes) throws SandboxException;

    /** Copies a host file or directory tree into the sandbox at {@code path} (parents created). */
    void copyIn(Path hostSource, String path) throws SandboxException;

    /** Copies a file or directory tree from the sandbox to the host at {@code hostTarget}. */
    void copyOut(String path, Path hostTarget) throws SandboxException;

    /**
     * Kills every process commands left behind, keeping the sandbox (a job's end on GitHub's runners
     * cleans up orphan processes the same way).
     */
    void killProcesses();

    /**
     * Kills everything in the sandbox and frees what it holds on the host. Idempotent, safe from any
     * thread, never throws.
     */
    void destroy();

    /** Whether {@link #destroy()} has run. */
    boolean isDestroyed();

    @Override
    default void close() {
        destroy();
    }

    /** Reads a file as UTF-8; a helper over {@link #readFile}. */
    default String readString(String path, long maxBytes) throws SandboxException {
        return new String(readFile(path, maxBytes), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Writes a UTF-8 file; a helper over {@link #writeFile}. */
    default void writeString(String path, String content) throws SandboxException {
        writeFile(path, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Whether a path exists in the sandbox. */
    boolean exists(String path) throws SandboxException;

    /** The names in a directory, sorted; empty when it is missing or not a directory. */
    java.util.List<String> list(String path) throws SandboxException;

    /** Deletes a file or a directory tree; nothing happens when it is missing. */
    void delete(String path) throws SandboxException;

    /** Creates a directory and its parents. */
    void createDirectories(String path) throws SandboxException;

}
