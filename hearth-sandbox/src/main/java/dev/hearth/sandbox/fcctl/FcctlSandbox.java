package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.Sandboxes;
import dev.hearth.sandbox.files.Trees;
import dev.hearth.sandbox.process.SandboxMarker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox in a VM of a remote fcctl-web server. Every command and file operation is one or more
 * {@code POST /api/llm/execute} calls, each a fresh bash in the guest.
 *
 * <p>Commands: {@link #start} sends the request's argv, environment and working directory as one
 * script (every value shell-quoted; the environment and directory go into every script, since nothing
 * carries over from one call to the next) with the request's timeout as {@code timeout_seconds}. The
 * API does not stream: a command's output reaches the sink when its call returns, all at once. Each
 * command's processes carry {@code HEARTH_SANDBOX_ID} and {@code HEARTH_EXECUTION_ID} in their
 * environment, so {@link #killProcesses()} and {@link Execution#signal} find them with another call.
 *
 * <p>Files go through the same calls, base64-encoded in chunks (see {@link GuestFiles}).
 *
 * <p>{@link #destroy()} deletes the VM, retrying when the server fails (see {@link VmDeletion}).
 */
public final class FcctlSandbox implements Sandbox {
    /** Carries an id per command, so a signal reaches that command's processes and no others. */
    public static final String EXECUTION_VARIABLE = "HEARTH_EXECUTION_ID";

    private static final Logger LOG = LoggerFactory.getLogger(FcctlSandbox.class);

    private final FcctlClient client;
    private final SandboxSpec spec;
    private final BackendInfo info;
    private final String vmId;
    private final String vmName;
    private final String workRoot;
    private final SandboxMarker marker = SandboxMarker.fresh();
    private final GuestFiles files;
    private final AtomicBoolean destroyed = new AtomicBoolean();

    FcctlSandbox(FcctlClient client, SandboxSpec spec, BackendInfo info, String vmId, String vmName, String workRoot) {
        this.client = client;
        this.spec = spec;
        this.info = info;
        this.vmId = vmId;
        this.vmName = vmName;
        this.workRoot = workRoot;
        this.files = new GuestFiles((code, timeout) -> client.execute(vmId, code, "/", timeout), workRoot,
                spec.hostDir().resolve("scratch"), client.settings().callTimeout());
    }

    /** Makes the work root, empty. */
    void prepare() throws SandboxException {
        ExecuteResult made = client.execute(vmId, "rm -rf -- " + Bash.quote(workRoot) + " && mkdir -p -- "
                + Bash.quote(workRoot) + "\n", "/", client.settings().callTimeout());
        if (made.exitCode() == null || made.exitCode() != 0) {
            throw new SandboxException("cannot make the work root " + workRoot + " in VM " + vmId + ": "
                    + (made.stderr().isBlank() ? made.error() : made.stderr().strip()));
        }
    }

    /** The VM's id on the server. */
    public String vmId() {
        return vmId;
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public String workRoot() {
        return workRoot;
    }

    /**
     * Starts the command. Its output is delivered to the sink when the command has ended, not as it
     * comes: the API answers once per command.
     */
    @Override
    public Execution start(ExecRequest request, OutputSink sink) throws SandboxException {
        requireLive();
        String executionId = UUID.randomUUID().toString();
        Map<String, String> env = new HashMap<>(spec.env());
        env.putAll(request.env());
        env.put(SandboxMarker.VARIABLE, marker.value());
        env.put(EXECUTION_VARIABLE, executionId);
        String cwd = Path.of(workRoot).resolve(request.cwd()).normalize().toString();
        String script = Bash.command(request.argv(), env, cwd);
        return FcctlExecution.start(executionId, (code, timeout) -> client.execute(vmId, code, workRoot, timeout),
                script, request.timeout(), sink, this::signalExecution);
    }

    private void signalExecution(String executionId, int signal) {
        try {
            client.execute(vmId, Bash.signalMarked(EXECUTION_VARIABLE, executionId, signal), "/",
                    client.settings().callTimeout());
        } catch (SandboxException e) {
            LOG.warn("could not send signal {} to a command in fcctl VM {}: {}", signal, vmId, e.getMessage());
        }
    }

    /** Snapshots the VM; returns the snapshot's id for {@link #rollback}. */
    public String snapshot(String snapshotName, String description) throws SandboxException {
        requireLive();
        return client.createSnapshot(vmId, snapshotName, description);
    }

    /** Rolls the VM back to a snapshot taken by {@link #snapshot}. */
    public void rollback(String snapshotId) throws SandboxException {
        requireLive();
        client.rollback(vmId, snapshotId);
    }

    @Override
    public void writeFile(String path, byte[] content) throws SandboxException {
        requireLive();
        files.writeFile(path, content);
    }

    @Override
    public byte[] readFile(String path, long maxBytes) throws SandboxException {
        requireLive();
        return files.readFile(path, maxBytes);
    }

    @Override
    public void copyIn(Path hostSource, String path) throws SandboxException {
        requireLive();
        files.copyIn(hostSource, path);
    }

    @Override
    public void copyOut(String path, Path hostTarget) throws SandboxException {
        requireLive();
        files.copyOut(path, hostTarget);
    }

    @Override
    public boolean exists(String path) throws SandboxException {
        requireLive();
        return files.exists(path);
    }

    @Override
    public List<String> list(String path) throws SandboxException {
        requireLive();
        return files.list(path);
    }

    @Override
    public void delete(String path) throws SandboxException {
        requireLive();
        files.delete(path);
    }

    @Override
    public void createDirectories(String path) throws SandboxException {
        requireLive();
        files.createDirectories(path);
    }

    /** Kills every guest process a command of this sandbox started (found by its marker). */
    @Override
    public void killProcesses() {
        if (destroyed.get()) {
            return;
        }
        try {
            client.execute(vmId, Bash.signalMarked(SandboxMarker.VARIABLE, marker.value(), 9), "/",
                    client.settings().callTimeout());
        } catch (SandboxException e) {
            LOG.warn("could not kill the processes left in fcctl VM {}: {}", vmId, e.getMessage());
        }
    }

    /** Deletes the VM (retrying on server failures) and the sandbox's host directory; never throws. */
    @Override
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        try {
            VmDeletion.delete(client, vmId, vmName);
            Trees.delete(spec.hostDir());
        } catch (IOException | RuntimeException e) {
            LOG.warn("destroying sandbox {} (fcctl VM {}) did not finish cleanly", name(), vmId, e);
        } finally {
            Sandboxes.unregister(this);
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed.get();
    }

    private void requireLive() throws SandboxException {
        if (destroyed.get()) {
            throw new SandboxException("sandbox " + name() + " is destroyed");
        }
    }

    @Override
    public String toString() {
        return "fcctl sandbox " + name() + " in VM " + vmId;
    }
}
