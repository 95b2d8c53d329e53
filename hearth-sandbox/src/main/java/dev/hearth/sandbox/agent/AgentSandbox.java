package dev.hearth.sandbox.agent;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.BoundedSink;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.QueuedExecution;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.Sandboxes;
import dev.hearth.sandbox.process.SandboxMarker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A sandbox reached only through its agent: every command and every file operation is a frame on
 * the agent's stream, so the same class serves any machine the host cannot see into (a QEMU or
 * Firecracker guest). Paths are the guest's own; a relative one is taken from the work root.
 * Destroying it closes the stream (the agent then kills what it started) and then lets the backend
 * free the machine itself.
 */
public final class AgentSandbox implements Sandbox {
    private static final Logger LOG = LoggerFactory.getLogger(AgentSandbox.class);

    /** What frees the machine behind the agent; runs once, after the agent's stream is closed. */
    public interface Release {
        void release();
    }

    private final String name;
    private final BackendInfo info;
    private final String workRoot;
    private final Map<String, String> env;
    private final AgentClient agent;
    private final Release release;
    private final long outputLimit;
    /** Every command carries it, as in the other backends, so a process can tell whose it is. */
    private final String marker = SandboxMarker.fresh().value();
    private final Set<String> madeDirectories = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private boolean destroyed; // guarded by lock

    /** What one command may print, stdout and stderr together, before the rest is cut. */
    public static final long DEFAULT_OUTPUT_LIMIT = 64L * 1024 * 1024;

    private AgentSandbox(String name, BackendInfo info, String workRoot, Map<String, String> env, AgentClient agent,
                         Release release, long outputLimit) {
        this.outputLimit = outputLimit;
        this.name = name;
        this.info = info;
        this.workRoot = workRoot;
        this.env = Map.copyOf(env);
        this.agent = agent;
        this.release = release;
    }

    /**
     * Makes the sandbox over a connected agent: creates the work root, and registers it so that a JVM
     * shutdown destroys it. When that fails, the agent is closed and {@code release} runs.
     *
     * @param env environment every command starts from
     */
    public static AgentSandbox open(String name, BackendInfo info, String workRoot, Map<String, String> env,
                                    AgentClient agent, Release release) throws SandboxException {
        return open(name, info, workRoot, env, agent, release, DEFAULT_OUTPUT_LIMIT);
    }

    /**
     * As {@link #open(String, BackendInfo, String, Map, AgentClient, Release)}, with a bound on what
     * each command may print ({@link BoundedSink}).
     */
    public static AgentSandbox open(String name, BackendInfo info, String workRoot, Map<String, String> env,
                                    AgentClient agent, Release release, long outputLimit) throws SandboxException {
        AgentSandbox sandbox = new AgentSandbox(name, info, workRoot, env, agent, release, outputLimit);
        try {
            agent.makeDirectories(workRoot);
        } catch (IOException e) {
            sandbox.destroy();
            throw new SandboxException("cannot create the work root " + workRoot + " in " + name + ": "
                    + e.getMessage(), e);
        }
        sandbox.madeDirectories.add(workRoot);
        Sandboxes.register(sandbox);
        return sandbox;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public String workRoot() {
        return workRoot;
    }

    private String resolve(String path) {
        String full = path.startsWith("/") ? path : workRoot + "/" + path;
        return Path.of(full).normalize().toString();
    }

    private void checkLive() throws SandboxException {
        synchronized (lock) {
            if (destroyed) {
                throw new SandboxException("sandbox " + name + " is destroyed");
            }
        }
    }

    private Map<String, String> environment(ExecRequest request) {
        Map<String, String> all = new HashMap<>(env);
        all.putAll(request.env());
        all.put(SandboxMarker.VARIABLE, marker);
        return all;
    }

    /** Makes the working directory once; commands after the first in it cost no extra round trip. */
    private String workingDirectory(ExecRequest request) throws SandboxException {
        String cwd = resolve(request.cwd());
        if (!madeDirectories.contains(cwd)) {
            createDirectories(cwd);
            madeDirectories.add(cwd);
        }
        return cwd;
    }

    @Override
    public Execution start(ExecRequest request, OutputSink sink) throws SandboxException {
        checkLive();
        String cwd = workingDirectory(request);
        try {
            return agent.start(request.argv(), environment(request), cwd, guestFile(request), request.timeout(),
                    new BoundedSink(sink, outputLimit), pid -> { });
        } catch (IOException e) {
            throw new SandboxException("cannot start " + request.argv().getFirst() + " in " + name + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public boolean queues() {
        return agent.isAlive();
    }

    /** Sent with the command: one frame instead of a file round trip before it. */
    @Override
    public boolean writesRequestFiles() {
        return agent.isAlive();
    }

    private ExecRequest.File guestFile(ExecRequest request) throws SandboxException {
        ExecRequest.File file = request.file();
        return file == null ? null : new ExecRequest.File(resolve(file.path()), file.content());
    }

    @Override
    public Optional<QueuedExecution> startAfter(Execution previous, List<String> mustBeEmpty, ExecRequest request,
                                                Instant notAfter, OutputSink sink) throws SandboxException {
        checkLive();
        String cwd = resolve(request.cwd());
        if (!madeDirectories.contains(cwd)) {
            // made now, it could change what the command before this one sees: this one waits its turn
            return Optional.empty();
        }
        List<String> files = new ArrayList<>(mustBeEmpty.size());
        for (String f : mustBeEmpty) {
            files.add(resolve(f));
        }
        try {
            return Optional.of(agent.startAfter(previous, files, request.argv(), environment(request), cwd,
                    guestFile(request), request.timeout(), notAfter, new BoundedSink(sink, outputLimit), pid -> { }));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    @Override
    public void writeFile(String path, byte[] content) throws SandboxException {
        checkLive();
        String full = resolve(path);
        try {
            agent.putFile(full, content, 0644);
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    @Override
    public byte[] readFile(String path, long maxBytes) throws SandboxException {
        checkLive();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            agent.getFile(resolve(path), maxBytes, out);
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
        return out.toByteArray();
    }

    @Override
    public void copyIn(Path hostSource, String path) throws SandboxException {
        checkLive();
        String target = resolve(path);
        try {
            if (Files.isSymbolicLink(hostSource)) {
                agent.symlink(Files.readSymbolicLink(hostSource).toString(), target);
            } else if (Files.isDirectory(hostSource)) {
                agent.makeDirectories(target);
                try (Stream<Path> children = Files.list(hostSource)) {
                    for (Path child : children.sorted().toList()) {
                        copyIn(child, target + "/" + child.getFileName());
                    }
                }
            } else {
                agent.putFile(target, Files.readAllBytes(hostSource), mode(hostSource));
            }
        } catch (IOException e) {
            throw new SandboxException("cannot copy " + hostSource + " into " + name + " at " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** The permission bits of a host file, as the agent's PUT takes them. */
    private static int mode(Path file) throws IOException {
        return (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }

    @Override
    public void copyOut(String path, Path hostTarget) throws SandboxException {
        checkLive();
        String source = resolve(path);
        try {
            Optional<AgentClient.Stat> stat = agent.stat(source);
            if (stat.isEmpty()) {
                throw new SandboxException("cannot copy " + source + " out of " + name + ": it does not exist");
            }
            copyOut(source, stat.get().type(), hostTarget);
        } catch (IOException e) {
            throw new SandboxException("cannot copy " + source + " out of " + name + ": " + e.getMessage(), e);
        }
    }

    private void copyOut(String source, char type, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        switch (type) {
            case 'l' -> {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, Path.of(agent.readLink(source)));
            }
            case 'd' -> {
                Files.createDirectories(target);
                for (AgentClient.Entry e : agent.list(source)) {
                    copyOut(source + "/" + e.name(), e.type(), target.resolve(e.name()));
                }
            }
            case 'f' -> {
                int mode;
                try (OutputStream out = Files.newOutputStream(target)) {
                    mode = agent.getFile(source, Long.MAX_VALUE, out);
                }
                Files.setAttribute(target, "unix:mode", mode & 07777);
            }
            default -> LOG.debug("not copied out of {}: {} is neither a file, a directory nor a link", name, source);
        }
    }

    @Override
    public boolean exists(String path) throws SandboxException {
        checkLive();
        try {
            return agent.stat(resolve(path)).isPresent();
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String path) throws SandboxException {
        checkLive();
        try {
            return agent.list(resolve(path)).stream().map(AgentClient.Entry::name).sorted().toList();
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    @Override
    public void delete(String path) throws SandboxException {
        checkLive();
        String full = resolve(path);
        try {
            agent.remove(full);
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
        madeDirectories.removeIf(d -> d.equals(full) || d.startsWith(full + "/"));
    }

    @Override
    public void createDirectories(String path) throws SandboxException {
        checkLive();
        try {
            agent.makeDirectories(resolve(path));
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    @Override
    public void killProcesses() {
        try {
            agent.killAll();
        } catch (IOException e) {
            LOG.warn("could not kill what commands left in {}: {}", name, e.getMessage());
        }
    }

    @Override
    public void destroy() {
        synchronized (lock) {
            if (destroyed) {
                return;
            }
            destroyed = true;
        }
        try {
            agent.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the agent of {} did not finish cleanly", name, e);
        }
        try {
            release.release();
        } catch (RuntimeException e) {
            LOG.warn("freeing {} did not finish cleanly", name, e);
        } finally {
            Sandboxes.unregister(this);
        }
    }

    @Override
    public boolean isDestroyed() {
        synchronized (lock) {
            return destroyed;
        }
    }

    @Override
    public String toString() {
        return "sandbox " + name + " (" + info.name() + ")";
    }
}
