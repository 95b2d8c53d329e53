package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.process.Executables;
import dev.hearth.sandbox.process.Reaper;
import dev.hearth.sandbox.process.Signals;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code firecracker} process of one VM, started directly or through the jailer (which execs
 * it, so the pid stays the same). It leads its own process group, which the {@link Reaper} kills if
 * this JVM dies; its output goes to the VM folder's log. Its environment is empty: nothing of
 * Hearth's (tokens, secrets) reaches the VMM.
 */
final class FirecrackerProcess {
    /** The API socket's name in the VM's root (the VM folder, or the jailer's chroot). */
    static final String API_SOCKET = "api.sock";

    private final Process process;
    private final Reaper reaper;

    private FirecrackerProcess(Process process, Reaper reaper) {
        this.process = process;
        this.reaper = reaper;
    }

    /** The command that starts the VM's process. */
    static List<String> argv(String setsid, FirecrackerSettings settings, VmFolder folder) {
        List<String> argv = new ArrayList<>(List.of(setsid));
        FirecrackerSettings.Jailer jailer = settings.jailer();
        if (jailer == null) {
            argv.addAll(List.of(settings.firecracker().toString(),
                    "--api-sock", folder.dir().resolve(API_SOCKET).toString(), "--id", folder.id()));
        } else {
            argv.addAll(List.of(jailer.binary().toString(), "--id", folder.id(),
                    "--exec-file", settings.firecracker().toString(),
                    "--uid", Integer.toString(jailer.uid()), "--gid", Integer.toString(jailer.gid()),
                    "--chroot-base-dir", jailer.chrootBase().toString(),
                    "--", "--api-sock", "/" + API_SOCKET));
        }
        return argv;
    }

    static FirecrackerProcess start(FirecrackerSettings settings, VmFolder folder) throws SandboxException {
        Reaper reaper = Reaper.shared();
        String setsid = Executables.require("setsid").toString();
        ProcessBuilder builder = new ProcessBuilder(argv(setsid, settings, folder))
                .directory(folder.dir().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.dir().resolve(VmFolder.LOG).toFile()))
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot start " + builder.command().get(1) + ": " + e.getMessage(), e);
        }
        // setsid(1) run by a process that is not a group leader execs in place: the pid leads its group
        reaper.watchGroup(process.pid());
        FirecrackerProcess started = new FirecrackerProcess(process, reaper);
        try {
            folder.recordProcess(process.toHandle());
        } catch (IOException e) {
            started.kill();
            throw new SandboxException("cannot record the VM process in " + folder.dir() + ": " + e.getMessage(), e);
        }
        return started;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Kills the process group and waits for the process to end. Idempotent. */
    void kill() {
        Signals.toGroup(process.pid(), Signals.KILL);
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the kill must finish; the flag is restored below
            }
        }
        reaper.forgetGroup(process.pid());
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The process's exit, for messages; only when it has ended. */
    String exitDescription() {
        return process.isAlive() ? "running" : "exited with " + process.exitValue();
    }
}
