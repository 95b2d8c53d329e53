package dev.hearth.sandbox.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What the backends read from {@code /proc}: process groups, environments, pid namespaces and
 * children. Every read tolerates processes that vanish while they are looked at.
 */
public final class ProcFs {
    private static final Path PROC = Path.of("/proc");

    private ProcFs() {
    }

    /** The ids of all processes visible now. */
    public static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException e) {
            // No /proc: nothing can be found, and callers treat that as "nothing left".
        }
        return pids;
    }

    /**
     * Running processes (zombies left out) whose command line contains {@code text}: how tests and
     * diagnostics find what a sandbox may have left behind, in whatever namespace it runs.
     */
    public static List<Long> withCommandLineContaining(String text) {
        List<Long> found = new ArrayList<>();
        for (long pid : pids()) {
            try {
                String cmdline = Files.readString(PROC.resolve(pid + "/cmdline"), StandardCharsets.ISO_8859_1);
                if (cmdline.contains(text) && isRunning(pid)) {
                    found.add(pid);
                }
            } catch (IOException e) {
                // it ended while we looked
            }
        }
        return found;
    }

    /** The process group of a process, or empty when it is gone. */
    public static OptionalLong processGroup(long pid) {
        String[] fields = statFields(pid);
        return fields == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(fields[2]));
    }

    /** Whether a process exists and has not exited (a zombie has exited; it only waits to be reaped). */
    public static boolean isRunning(long pid) {
        String[] fields = statFields(pid);
        return fields != null && !fields[0].equals("Z") && !fields[0].equals("X");
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: state, ppid, pgrp, session, ... */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(pid + "/stat"), StandardCharsets.ISO_8859_1);
            // The command name in parentheses may hold spaces and parentheses; fields follow the last ')'.
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The processes whose group is {@code pgid}. */
    public static List<Long> groupMembers(long pgid) {
        return groupMembers(Set.of(pgid));
    }

    /** The running (not zombie) processes whose group is one of {@code pgids}. */
    public static List<Long> groupMembers(Set<Long> pgids) {
        List<Long> members = new ArrayList<>();
        if (pgids.isEmpty()) {
            return members;
        }
        for (long pid : pids()) {
            String[] fields = statFields(pid);
            if (fields != null && !fields[0].equals("Z") && pgids.contains(Long.parseLong(fields[2]))) {
                members.add(pid);
            }
        }
        return members;
    }

    /** The processes whose initial environment holds exactly {@code entry} ({@code NAME=value}). */
    public static List<Long> withEnvironmentEntry(String entry) {
        byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<Long> found = new ArrayList<>();
        for (long pid : pids()) {
            if (pid != self && hasEntry(pid, wanted)) {
                found.add(pid);
            }
        }
        return found;
    }

    private static boolean hasEntry(long pid, byte[] wanted) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(PROC.resolve(pid + "/environ"));
        } catch (IOException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == wanted.length && java.util.Arrays.equals(environ, start, i, wanted, 0, wanted.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }

    /** The pid namespace of a process as the kernel names it ({@code pid:[4026532181]}), or empty. */
    public static Optional<String> pidNamespace(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(PROC.resolve(pid + "/ns/pid")).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** The processes in a pid namespace (named as {@link #pidNamespace} names it). */
    public static List<Long> inPidNamespace(String namespace) {
        List<Long> found = new ArrayList<>();
        for (long pid : pids()) {
            if (pidNamespace(pid).filter(namespace::equals).isPresent()) {
                found.add(pid);
            }
        }
        return found;
    }

    /** The direct children of a process. */
    public static List<Long> children(long pid) {
        List<Long> children = new ArrayList<>();
        try {
            String list = Files.readString(PROC.resolve(pid + "/task/" + pid + "/children"));
            for (String child : list.trim().split("\\s+")) {
                if (!child.isEmpty()) {
                    children.add(Long.parseLong(child));
                }
            }
            return children;
        } catch (IOException | RuntimeException e) {
            // Kernels without CONFIG_PROC_CHILDREN: ask every process for its parent instead.
            ProcessHandle.of(pid).ifPresent(parent -> parent.children().forEach(c -> children.add(c.pid())));
            return children;
        }
    }
}
