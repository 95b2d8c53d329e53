package dev.hearth.cli.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts the JVM's JIT compiler threads at a lower scheduling priority (nice +10) for a run. A run's
 * steps are processes that want the CPU at once; on a small machine the compiler, busy with the code
 * the first steps ran, would otherwise take a core from them half the time. At a lower priority it
 * compiles in what the steps leave idle: on two cores, 200 trivial steps ran about 10% faster.
 *
 * <p>Raising one's own threads' niceness needs no privilege. There is no Java call for it, so
 * {@code renice} does it, started and not waited for. Where /proc or {@code renice} is missing nothing
 * changes.
 */
public final class CompilerPriority {
    private static final String NICENESS = "10";

    private CompilerPriority() {
    }

    /** Lowers the priority of this JVM's compiler threads; returns at once, whatever happens. */
    public static void lower() {
        List<String> threads = compilerThreads(Path.of("/proc/self/task"));
        if (threads.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("renice", "-n", NICENESS, "-p"));
        command.addAll(threads); // on Linux a thread id names that thread alone
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            // no renice here: the compiler keeps its priority
        }
    }

    /** The ids of the JIT compiler threads among a process's tasks ({@code /proc/<pid>/task}). */
    static List<String> compilerThreads(Path tasks) {
        List<String> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tasks)) {
            for (Path task : entries) {
                try {
                    // HotSpot names them "C1 CompilerThread0", "C2 CompilerThread0", cut to 15 characters
                    if (Files.readString(task.resolve("comm")).matches("C[12] CompilerThre.*\\s*")) {
                        found.add(task.getFileName().toString());
                    }
                } catch (IOException e) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to do
        }
        return found;
    }
}
