package dev.hearth.engine;

import dev.hearth.sandbox.process.ProcFs;

import java.util.List;

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
        return ProcFs.withCommandLineContaining(text);
    }
}
