package dev.hearth.sandbox.host;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.QueuedExecution;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.Sandboxes;
import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.agent.AgentClient;
import dev.hearth.sandbox.files.Trees;
import dev.hearth.sandbox.files.WorkRootSandbox;
import dev.hearth.sandbox.process.Executables;
import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.process.ProcessExecution;
import dev.hearth.sandbox.process.Reaper;
import dev.hearth.sandbox.process.SandboxMarker;
import dev.hearth.sandbox.process.Signals;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox of host processes. Each command runs through the exec agent (which forks, {@code setsid}s
 * and execs it) when the build made one, else under {@code setsid}, which (its caller not being a
 * group leader) makes the command's own pid the leader of a new session and process group without
 * forking, so the group is known the moment the process starts. {@link #killProcesses()} kills every
 * group the sandbox started, then every process still carrying the sandbox's marker.
 */
final class HostSandbox extends WorkRootSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(HostSandbox.class);

    private final SandboxMarker marker = SandboxMarker.fresh();
    /**
     * The JVM's reaper, watching this sandbox's marker. Through the agent it is only a second line of
     * defence (the agent kills what it started when this JVM dies), so it is started in the background
     * there, off the path to the first step; without the agent it is ready before any command starts.
     */
    private final java.util.concurrent.CompletableFuture<Reaper> reaper;
    private final String setsid;
    private final Object lock = new Object();
    private final Set<Long> groups = new LinkedHashSet<>(); // guarded by lock
    private volatile boolean destroyed; // written under lock
    // Runs commands with one fork+exec each; null where the agent is not built, then Java spawns them.
    private final AgentClient agent;

    private HostSandbox(SandboxSpec spec, BackendInfo info, java.util.concurrent.CompletableFuture<Reaper> reaper,
                        String setsid, AgentClient agent) {
        super(spec, info, spec.hostDir());
        this.reaper = reaper;
        this.setsid = setsid;
        this.agent = agent;
    }

    static HostSandbox create(SandboxSpec spec, BackendInfo info, boolean useAgent) throws SandboxException {
        String setsid = Executables.require("setsid").toString();
        try {
            Files.createDirectories(spec.hostDir());
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox directory " + spec.hostDir() + ": " + e.getMessage(), e);
        }
        AgentClient agent = null;
        java.util.Optional<java.nio.file.Path> binary = useAgent ? AgentBinary.path() : java.util.Optional.empty();
        if (binary.isPresent()) {
            try {
                // Not registered with the reaper: when this JVM dies the agent sees its input end and kills
                // its commands' groups itself; a reaper killing the agent first would cut that short.
                agent = AgentClient.start(binary.get());
            } catch (IOException e) {
                LOG.warn("the exec agent did not start ({}); commands are spawned from Java", e.getMessage());
            }
        } else {
            LOG.debug("no exec agent: {}", AgentBinary.reason());
        }
        java.util.concurrent.CompletableFuture<Reaper> reaper = new java.util.concurrent.CompletableFuture<>();
        HostSandbox sandbox = new HostSandbox(spec, info, reaper, setsid, agent);
        if (agent == null) {
            Reaper r = Reaper.shared();
            r.watchMarker(sandbox.marker);
            reaper.complete(r);
        } else {
            Thread.ofVirtual().name("hearth-reaper-start").start(() -> {
                try {
                    Reaper r = Reaper.shared();
                    r.watchMarker(sandbox.marker);
                    reaper.complete(r);
                } catch (SandboxException | RuntimeException e) {
                    LOG.warn("no reaper for sandbox {}: {}", sandbox.name(), e.getMessage());
                    reaper.completeExceptionally(e);
                }
            });
        }
        Sandboxes.register(sandbox);
        return sandbox;
    }

    @Override
    public Execution start(ExecRequest request, OutputSink sink) throws SandboxException {
        Path cwd = files.root().resolve(request.cwd()).normalize();
        try {
            Files.createDirectories(cwd);
        } catch (IOException e) {
            throw new SandboxException("cannot create the working directory " + cwd + ": " + e.getMessage(), e);
        }
        if (agentAlive()) {
            return startWithAgent(request, cwd, sink);
        }
        if (request.file() != null) {
            // Without the agent nothing deletes it when the command ends; the job's temp folder goes at its end.
            files.writeFile(request.file().path(), request.file().content());
        }
        List<String> argv = new ArrayList<>(request.argv().size() + 1);
        argv.add(setsid);
        argv.addAll(request.argv());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(request));
        Reaper watcher = readyReaper();
        synchronized (lock) {
            // Under the lock so that destroy() cannot miss a group started while it runs.
            if (destroyed) {
                throw new SandboxException("sandbox " + name() + " is destroyed");
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new SandboxException("cannot start " + request.argv().getFirst() + ": " + e.getMessage(), e);
            }
            groups.add(process.pid());
            watcher.watchGroup(process.pid());
            return ProcessExecution.watch(process, ProcessExecution.Leader.COMMAND, sink, request.timeout());
        }
    }

    private Execution startWithAgent(ExecRequest request, Path cwd, OutputSink sink) throws SandboxException {
        synchronized (lock) {
            if (destroyed) {
                throw new SandboxException("sandbox " + name() + " is destroyed");
            }
        }
        try {
            return agent.start(request.argv(), environment(request), cwd.toString(), hostFile(request),
                    request.timeout(), sink,
                    pid -> {
                        // Not registered with the reaper: if this JVM dies, the agent sees its input end
                        // and kills every group it started itself.
                        synchronized (lock) {
                            groups.add(pid);
                        }
                    });
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    /** The reaper, waiting for its background start if need be. */
    private Reaper readyReaper() throws SandboxException {
        try {
            return reaper.join();
        } catch (java.util.concurrent.CompletionException e) {
            Reaper r = Reaper.shared();
            r.watchMarker(marker);
            return r;
        }
    }

    @Override
    public boolean queues() {
        return agentAlive();
    }

    private boolean agentAlive() {
        return agent != null && agent.isAlive();
    }

    /** Through the agent, which writes a request's file in C where Java's file calls cost more than the step. */
    @Override
    public boolean writesRequestFiles() {
        return agentAlive();
    }

    /**
     * The request's file at its host path, inside the work root by name; null when it has none. By name
     * only, without resolving links: a host sandbox's commands run as this user anyway, so a link they
     * plant gains them nothing, and the agent never writes through a link at the file itself.
     */
    private ExecRequest.File hostFile(ExecRequest request) throws SandboxException {
        ExecRequest.File file = request.file();
        return file == null ? null : new ExecRequest.File(files.byName(file.path()).toString(), file.content());
    }

    @Override
    public java.util.Optional<QueuedExecution> startAfter(Execution previous, List<String> mustBeEmpty,
                                                          ExecRequest request, java.time.Instant notAfter,
                                                          OutputSink sink) throws SandboxException {
        if (!agentAlive()) {
            return java.util.Optional.empty();
        }
        Path cwd = files.root().resolve(request.cwd()).normalize();
        if (!Files.isDirectory(cwd)) {
            // made by start() just before a command runs; made now, it could change what the command
            // before this one sees, so this one waits for its turn instead
            return java.util.Optional.empty();
        }
        synchronized (lock) {
            if (destroyed) {
                throw new SandboxException("sandbox " + name() + " is destroyed");
            }
        }
        List<String> hostFiles = new ArrayList<>(mustBeEmpty.size());
        for (String f : mustBeEmpty) {
            hostFiles.add(files.root().resolve(f).normalize().toString());
        }
        try {
            return java.util.Optional.of(agent.startAfter(previous, hostFiles, request.argv(), environment(request),
                    cwd.toString(), hostFile(request), request.timeout(), notAfter, sink, pid -> {
                        synchronized (lock) {
                            groups.add(pid);
                        }
                    }));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new SandboxException(e.getMessage(), e);
        }
    }

    private Map<String, String> environment(ExecRequest request) {
        Map<String, String> env = new HashMap<>(spec.env());
        env.putAll(request.env());
        env.put(SandboxMarker.VARIABLE, marker.value());
        return env;
    }

    @Override
    public void killProcesses() {
        if (agentAlive() && !destroyed) {
            try {
                // The agent knows every group it started and, their subreaper, every orphan they left:
                // one frame instead of reading /proc from here. The marker's look through /proc comes
                // at destroy, for anything that left the agent's tree some other way.
                agent.killAll();
                synchronized (lock) {
                    groups.clear();
                }
                return;
            } catch (IOException e) {
                LOG.debug("the exec agent did not kill the sandbox's processes ({}); looking through /proc",
                        e.getMessage());
            }
        }
        if (agent != null) {
            // The agent answers EXEC with the pid after start() returned: know every group first.
            try {
                agent.awaitStarts(java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Long> started;
        synchronized (lock) {
            started = List.copyOf(groups);
            groups.clear();
        }
        // Most commands leave nothing behind; look before paying for a kill program.
        if (!ProcFs.groupMembers(Set.copyOf(started)).isEmpty()) {
            Signals.toGroups(started, Signals.KILL);
        }
        marker.killAll();
        Reaper r = reaper.getNow(null);
        if (r != null) {
            started.forEach(r::forgetGroup);
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
            if (agent != null) {
                agent.close(); // it kills whatever its commands left, then exits
            }
            killProcesses();
            Trees.delete(spec.hostDir());
        } catch (IOException | RuntimeException e) {
            LOG.warn("destroying sandbox {} did not finish cleanly", name(), e);
        } finally {
            reaper.thenAccept(r -> r.forgetMarker(marker));
            Sandboxes.unregister(this);
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "host sandbox " + name() + " at " + workRoot();
    }
}
