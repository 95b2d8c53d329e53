package dev.hearth.sandbox.bwrap;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.Sandboxes;
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
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sandbox in bubblewrap namespaces: the host's root read-only, a private {@code /tmp}, the host
 * directory bound writable at its own path, its own pid, ipc, uts and (unless the network is shared)
 * network namespace. One bwrap lives as long as the sandbox, so background processes survive between
 * commands; each command enters its namespaces with {@code nsenter}, which stays outside as the
 * command's process-group leader and relays its exit status.
 */
final class BwrapSandbox extends WorkRootSandbox {
    private static final Logger LOG = LoggerFactory.getLogger(BwrapSandbox.class);
    private static final long TEARDOWN_MILLIS = 5_000;

    private final SandboxMarker marker;
    private final Reaper reaper;
    private final BwrapProcess bwrap;
    private final List<String> nsenter;
    private final Object lock = new Object();
    private final Set<Long> groups = new LinkedHashSet<>(); // guarded by lock
    private volatile boolean destroyed; // written under lock

    private BwrapSandbox(SandboxSpec spec, BackendInfo info, Path hostDir, SandboxMarker marker, Reaper reaper,
                         BwrapProcess bwrap, List<String> nsenter) {
        super(spec, info, hostDir);
        this.marker = marker;
        this.reaper = reaper;
        this.bwrap = bwrap;
        this.nsenter = nsenter;
    }

    static BwrapSandbox create(SandboxSpec spec, BackendInfo info) throws SandboxException {
        String setsid = Executables.require("setsid").toString();
        String bwrapProgram = Executables.require("bwrap").toString();
        String nsenterProgram = Executables.require("nsenter").toString();
        Reaper reaper = Reaper.shared();
        Path hostDir = spec.hostDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(hostDir);
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox directory " + hostDir + ": " + e.getMessage(), e);
        }
        SandboxMarker marker = SandboxMarker.fresh();
        ProcessBuilder builder = new ProcessBuilder(
                BwrapProcess.argv(setsid, bwrapProgram, "/bin/sh", hostDir, spec.network()))
                .directory(new File("/"));
        builder.environment().clear();
        builder.environment().put(SandboxMarker.VARIABLE, marker.value());
        reaper.watchMarker(marker);
        BwrapProcess bwrap;
        try {
            bwrap = BwrapProcess.start(builder);
        } catch (SandboxException e) {
            reaper.forgetMarker(marker);
            deleteQuietly(hostDir);
            throw e;
        }
        reaper.watchGroup(bwrap.process().pid());
        List<String> nsenter = new ArrayList<>(List.of(setsid, nsenterProgram));
        nsenter.addAll(bwrap.nsenterFlags());
        BwrapSandbox sandbox = new BwrapSandbox(spec, info, hostDir, marker, reaper, bwrap, nsenter);
        Sandboxes.register(sandbox);
        return sandbox;
    }

    @Override
    public Execution start(ExecRequest request, OutputSink sink) throws SandboxException {
        String cwd = files.root().resolve(request.cwd()).normalize().toString();
        createWorkingDirectory(cwd);
        List<String> argv = new ArrayList<>(nsenter);
        // nsenter opens --wd before it enters the namespaces: through the init's root the path means
        // what it means inside (a private /tmp), on every nsenter version.
        argv.add("--wd=" + insideRoot(cwd));
        argv.add("--");
        argv.addAll(request.argv());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(new File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(environment(request));
        synchronized (lock) {
            if (destroyed) {
                throw new SandboxException("sandbox " + name() + " is destroyed");
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new SandboxException("cannot start nsenter for " + request.argv().getFirst() + ": "
                        + e.getMessage(), e);
            }
            groups.add(process.pid());
            reaper.watchGroup(process.pid());
            return ProcessExecution.watch(process, ProcessExecution.Leader.PROXY, sink, request.timeout());
        }
    }

    /** Under the work root it is a host directory; elsewhere it is made through the init's root. */
    private void createWorkingDirectory(String cwd) throws SandboxException {
        if (files.contains(cwd)) {
            files.createDirectories(cwd);
            return;
        }
        Path inside = insideRoot(cwd);
        try {
            Files.createDirectories(inside);
        } catch (IOException e) {
            throw new SandboxException("cannot create the working directory " + cwd + " in the sandbox: " + e, e);
        }
    }

    /** A sandbox path as the host reaches it, through {@code /proc/<init>/root}. */
    private Path insideRoot(String sandboxPath) {
        return Path.of("/proc", Long.toString(bwrap.initPid()), "root", sandboxPath.substring(1));
    }

    private Map<String, String> environment(ExecRequest request) {
        Map<String, String> env = new HashMap<>(spec.env());
        env.putAll(request.env());
        env.put(SandboxMarker.VARIABLE, marker.value());
        return env;
    }

    @Override
    public void killProcesses() {
        String namespace = bwrap.pidNamespace();
        for (int round = 0; round < 10 && !namespace.isEmpty(); round++) {
            List<Long> victims = new ArrayList<>();
            for (long pid : ProcFs.inPidNamespace(namespace)) {
                if (pid != bwrap.childPid() && pid != bwrap.initPid() && ProcFs.isRunning(pid)) {
                    victims.add(pid);
                }
            }
            if (victims.isEmpty()) {
                break;
            }
            Signals.toProcesses(victims, Signals.KILL);
        }
        forgetGroups();
    }

    private void forgetGroups() {
        List<Long> started;
        synchronized (lock) {
            started = List.copyOf(groups);
            groups.clear();
        }
        // The nsenter proxies end by themselves once what they entered is dead.
        started.forEach(reaper::forgetGroup);
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
            Process process = bwrap.process();
            process.getOutputStream().close();
            if (!process.waitFor(TEARDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(TEARDOWN_MILLIS, TimeUnit.MILLISECONDS);
            }
            // The namespace's pid 1 turns into a zombie only after the kernel killed and reaped every
            // other process of the namespace; until then a process could still write to the host dir.
            if (!awaitEnd(bwrap.childPid())) {
                killProcesses();
                LOG.warn("sandbox {}: its pid namespace outlived bwrap; killed what was left", name());
            }
            Trees.delete(spec.hostDir());
        } catch (IOException | RuntimeException e) {
            LOG.warn("destroying sandbox {} did not finish cleanly", name(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("destroying sandbox {} was interrupted", name());
        } finally {
            forgetGroups();
            reaper.forgetGroup(bwrap.process().pid());
            reaper.forgetMarker(marker);
            Sandboxes.unregister(this);
        }
    }

    private static boolean awaitEnd(long pid) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TEARDOWN_MILLIS);
        while (ProcFs.isRunning(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    private static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", dir, e);
        }
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return "bwrap sandbox " + name() + " at " + workRoot();
    }
}
