package dev.hearth.sandbox.vm.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A process named so that a reused pid is not mistaken for it: its pid and its start time (clock
 * ticks after boot, field 22 of {@code /proc/<pid>/stat}). Written into VM folders as
 * {@code "<pid> <start>"}.
 */
record ProcessIdentity(long pid, long startTicks) {
    static Optional<ProcessIdentity> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); the start time is field 22
            if (fields[0].equals("Z") || fields[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new ProcessIdentity(pid, Long.parseLong(fields[19])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static ProcessIdentity self() {
        long pid = ProcessHandle.current().pid();
        return of(pid).orElse(new ProcessIdentity(pid, -1));
    }

    static Optional<ProcessIdentity> parse(String text) {
        String[] parts = text.strip().split(" ");
        try {
            return parts.length == 2 ? Optional.of(new ProcessIdentity(Long.parseLong(parts[0]), Long.parseLong(parts[1])))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether this very process still runs (not a zombie, and not another process given the same pid). */
    boolean isRunning() {
        return of(pid).map(now -> now.startTicks == startTicks).orElse(false);
    }

    String text() {
        return pid + " " + startTicks;
    }
}
