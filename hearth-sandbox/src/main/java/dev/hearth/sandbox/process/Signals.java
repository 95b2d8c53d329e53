package dev.hearth.sandbox.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Sends signals to process groups and processes. Java can signal single processes only, and only
 * with TERM and KILL, so this runs the system's {@code kill} program, which takes any signal and
 * negative ids for whole groups. Targets that no longer exist are ignored.
 */
public final class Signals {
    public static final int INT = 2;
    public static final int KILL = 9;
    public static final int TERM = 15;

    private static final Path KILL_PROGRAM = Executables.find("kill").orElse(Path.of("/bin/kill"));

    private Signals() {
    }

    /** Signals every process of a group at once. */
    public static void toGroup(long pgid, int signal) {
        toGroups(List.of(pgid), signal);
    }

    /** Signals every process of each group. */
    public static void toGroups(Collection<Long> pgids, int signal) {
        List<String> targets = new ArrayList<>();
        for (long pgid : pgids) {
            targets.add("-" + pgid);
        }
        send(signal, targets);
    }

    /** Signals each of these processes. */
    public static void toProcesses(Collection<Long> pids, int signal) {
        List<String> targets = new ArrayList<>();
        for (long pid : pids) {
            targets.add(Long.toString(pid));
        }
        send(signal, targets);
    }

    private static void send(int signal, List<String> targets) {
        if (targets.isEmpty()) {
            return;
        }
        List<String> argv = new ArrayList<>(List.of(KILL_PROGRAM.toString(), "-s", Integer.toString(signal), "--"));
        argv.addAll(targets);
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        boolean interrupted = Thread.interrupted();
        try {
            Process kill = builder.start();
            while (true) {
                try {
                    kill.waitFor();
                    break;
                } catch (InterruptedException e) {
                    // A kill must finish even when the caller is being cancelled; the flag is restored below.
                    interrupted = true;
                }
            }
        } catch (IOException e) {
            // Without a kill program only TERM and KILL can be sent, one process at a time.
            if (signal == KILL || signal == TERM) {
                for (String target : targets) {
                    long id = Math.abs(Long.parseLong(target));
                    List<Long> pids = target.startsWith("-") ? ProcFs.groupMembers(id) : List.of(id);
                    for (long pid : pids) {
                        ProcessHandle.of(pid).ifPresent(p -> {
                            if (signal == KILL) {
                                p.destroyForcibly();
                            } else {
                                p.destroy();
                            }
                        });
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
