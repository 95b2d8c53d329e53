package dev.hearth.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Finds processes on this machine by their command line, to prove none was left behind. */
final class Processes {
    private Processes() {
    }

    /** Pids of live processes one of whose arguments contains {@code text}; waits up to 5 s for them to go. */
    static List<Long> withArgument(String text) throws InterruptedException {
        List<Long> found = List.of();
        for (int i = 0; i < 50; i++) {
            found = scan(text);
            if (found.isEmpty()) {
                return found;
            }
            Thread.sleep(100);
        }
        return found;
    }

    private static List<Long> scan(String text) {
        List<Long> out = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    String status = Files.readString(p.resolve("stat"));
                    boolean zombie = status.substring(status.lastIndexOf(')') + 2).startsWith("Z");
                    if (!zombie && cmdline.contains(text)) {
                        out.add(Long.parseLong(name));
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }
}
