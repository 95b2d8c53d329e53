package dev.hearth.sandbox.bwrap;

import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.process.ProcFs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One running {@code bwrap}: the namespaces of a sandbox, held open by a tiny init that prints
 * {@code ready} and then waits for its stdin to close.
 *
 * <p>Teardown rests on two links. Only the JVM holds the init's stdin, so closing it (or the JVM's
 * death) ends the init; bwrap's outer process then exits, and {@code --die-with-parent} makes the
 * namespace's pid 1 die with it, whereupon the kernel kills every process left in the pid namespace.
 * Without {@code --die-with-parent} pid 1 would keep reaping background processes and the sandbox
 * would outlive its bwrap.
 *
 * <p>{@code --die-with-parent} is {@code PR_SET_PDEATHSIG}, which fires when the <em>thread</em> that
 * started the process ends, not the process. So bwrap is always started from one long-lived thread of
 * its own: started from a pool thread or a short-lived request thread it would be killed when that
 * thread ends.
 *
 * @param process     the outer bwrap process (its pid leads its own process group)
 * @param childPid    the host pid of the namespace's pid 1, which commands enter with nsenter
 * @param initPid     the host pid of the waiting init, which must survive {@code killProcesses}
 * @param namespaces  the namespaces bwrap made, by bwrap's name ({@code pid-namespace}) to inode
 */
record BwrapProcess(Process process, long childPid, long initPid, Map<String, Long> namespaces) {
    private static final String INIT = "echo ready; while read -r _; do :; done";
    private static final Pattern INFO_FIELD = Pattern.compile("\"([a-z-]+)\"\\s*:\\s*(\\d+)");
    private static final long READY_TIMEOUT_SECONDS = 30;

    private static final ExecutorService SPAWNER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("hearth-bwrap-spawner").factory());

    /** The bwrap argv for a sandbox whose writable directory is {@code hostDir}. */
    static List<String> argv(String setsid, String bwrap, String shell, Path hostDir, NetworkPolicy network) {
        List<String> argv = new ArrayList<>(List.of(setsid, bwrap, "--unshare-all"));
        if (network == NetworkPolicy.HOST) {
            argv.add("--share-net");
        }
        String dir = hostDir.toString();
        argv.addAll(List.of(
                "--die-with-parent", "--new-session", "--hostname", "hearth",
                "--ro-bind", "/", "/",
                "--tmpfs", "/tmp",
                // After /tmp: the host directory may itself live under /tmp.
                "--bind", dir, dir,
                "--proc", "/proc",
                "--dev", "/dev",
                // bwrap closes the info fd in the sandbox, so stderr can carry it: Java passes no other fd.
                "--info-fd", "2",
                "--", shell, "-c", INIT));
        return argv;
    }

    /** Starts bwrap and waits until its init is ready; kills it and fails when it is not. */
    static BwrapProcess start(ProcessBuilder builder) throws SandboxException {
        Process process = spawn(builder);
        CompletableFuture<Void> answered = new CompletableFuture<>();
        // A bwrap that hangs (a stuck mount) is killed, which ends the wait for its readiness line.
        CompletableFuture.delayedExecutor(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS).execute(() -> {
            if (!answered.isDone()) {
                process.destroyForcibly();
            }
        });
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"ready".equals(line)) {
                process.destroyForcibly();
                String reason = String.join("\n", err.lines().toList()).strip();
                throw new SandboxException("bwrap could not make the sandbox"
                        + (reason.isEmpty() ? " (exit " + exitCode(process) + ")" : ": " + reason));
            }
            Map<String, Long> info = readInfo(err);
            Long childPid = info.remove("child-pid");
            if (childPid == null) {
                process.destroyForcibly();
                throw new SandboxException("bwrap did not report the sandbox's pid on its info fd");
            }
            List<Long> children = ProcFs.children(childPid);
            if (children.size() != 1) {
                process.destroyForcibly();
                throw new SandboxException("cannot find the init of the bwrap sandbox (children of " + childPid
                        + ": " + children + ")");
            }
            return new BwrapProcess(process, childPid, children.getFirst(), info);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new SandboxException("cannot talk to bwrap: " + e.getMessage(), e);
        } finally {
            answered.complete(null);
        }
    }

    private static Process spawn(ProcessBuilder builder) throws SandboxException {
        Future<Process> spawned = SPAWNER.submit(builder::start);
        // Not interruptible: a bwrap started after its caller gave up would be left running. It takes
        // milliseconds; the interrupt is kept for the caller.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return spawned.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            throw new SandboxException("cannot start bwrap: " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** bwrap's info JSON: one flat object, one field per line; a little regex reads it. */
    private static Map<String, Long> readInfo(BufferedReader err) throws IOException {
        Map<String, Long> info = new LinkedHashMap<>();
        String line;
        while ((line = err.readLine()) != null) {
            Matcher field = INFO_FIELD.matcher(line);
            while (field.find()) {
                info.put(field.group(1), Long.parseLong(field.group(2)));
            }
            if (line.strip().endsWith("}")) {
                break;
            }
        }
        return info;
    }

    private static String exitCode(Process process) {
        try {
            return Integer.toString(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** nsenter's flags for entering every namespace bwrap made. */
    List<String> nsenterFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("--target=" + childPid);
        if (namespaces.containsKey("user-namespace")) {
            // Not root: the sandbox lives in a user namespace of its own, to be entered as well.
            flags.add("--user");
            flags.add("--preserve-credentials");
        }
        Map<String, String> flagOf = Map.of(
                "mnt-namespace", "--mount", "pid-namespace", "--pid", "ipc-namespace", "--ipc",
                "uts-namespace", "--uts", "net-namespace", "--net", "cgroup-namespace", "--cgroup");
        for (String namespace : List.of("mnt-namespace", "pid-namespace", "ipc-namespace", "uts-namespace",
                "net-namespace", "cgroup-namespace")) {
            if (namespaces.containsKey(namespace)) {
                flags.add(flagOf.get(namespace));
            }
        }
        flags.add("--root");
        return flags;
    }

    /** The pid namespace as {@code /proc/<pid>/ns/pid} names it. */
    String pidNamespace() {
        Long inode = namespaces.get("pid-namespace");
        return inode == null ? "" : "pid:[" + inode + "]";
    }
}
