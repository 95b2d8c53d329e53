package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompilerPriorityTest {

    @Test
    void findsTheCompilerThreadsByTheirNames(@TempDir Path tasks) throws Exception {
        task(tasks, "101", "C1 CompilerThre\n");
        task(tasks, "102", "main\n");
        task(tasks, "103", "C2 CompilerThre\n");
        task(tasks, "104", "C1 Compiler\n"); // not HotSpot's name
        Files.createDirectories(tasks.resolve("105")); // ended while listed: no comm
        assertThat(CompilerPriority.compilerThreads(tasks)).containsExactlyInAnyOrder("101", "103");
        assertThat(CompilerPriority.compilerThreads(tasks.resolve("missing"))).isEmpty();
    }

    @Test
    void thisJvmsCompilerThreadsEndUpNicerAndNoOtherThreadDoes() throws Exception {
        assumeThat(Files.isDirectory(Path.of("/proc/self/task"))).as("needs /proc").isTrue();
        assumeThat(onPath("renice")).as("renice (util-linux) is not installed").isTrue();
        List<String> compilers = CompilerPriority.compilerThreads(Path.of("/proc/self/task"));
        assumeThat(compilers).as("this JVM runs with a JIT compiler").isNotEmpty();
        String self = Long.toString(currentThreadId());
        assumeThat(nice(self)).as("the test JVM starts at niceness 0").isZero();

        CompilerPriority.lower();

        Awaitility.await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(compilers).allSatisfy(t -> assertThat(nice(t)).isEqualTo(10)));
        assertThat(nice(self)).isZero();
    }

    private static void task(Path tasks, String id, String comm) throws Exception {
        Files.createDirectories(tasks.resolve(id));
        Files.writeString(tasks.resolve(id).resolve("comm"), comm);
    }

    /** A thread's niceness, field 19 of its stat (counted after the name in parentheses). */
    private static int nice(String tid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    private static long currentThreadId() {
        // the kernel's id of this thread: /proc/thread-self names it
        try {
            return Long.parseLong(Path.of("/proc/thread-self").toRealPath().getFileName().toString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
