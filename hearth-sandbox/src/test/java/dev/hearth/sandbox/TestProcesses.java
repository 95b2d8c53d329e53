package dev.hearth.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** Finds test processes on the host by a unique argument, whatever namespace they run in. */
final class TestProcesses {
    private TestProcesses() {
    }

    /** A unique {@code sleep} duration (about 1000 s) that marks the processes of one test. */
    static String uniqueSleep() {
        return "1000." + Math.abs(ThreadLocalRandom.current().nextLong(1_000_000_000L, Long.MAX_VALUE));
    }

    /** The pids of live processes that have {@code argument} as one of their arguments. */
    static List<Long> withArgument(String argument) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path entry : entries) {
                String cmdline;
                try {
                    cmdline = Files.readString(entry.resolve("cmdline"), StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    continue;
                }
                for (String arg : cmdline.split("\0")) {
                    if (arg.equals(argument)) {
                        found.add(Long.parseLong(entry.getFileName().toString()));
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** Whether SIGINT is ignored in this JVM (children would inherit that and could not trap it). */
    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
