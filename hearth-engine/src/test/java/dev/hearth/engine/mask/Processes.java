package dev.hearth.engine.mask;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real tool and returns what it printed; skips the test when the tool is missing. */
final class Processes {
    private Processes() {
    }

    static String run(Map<String, String> env, String... argv) throws IOException, InterruptedException {
        assumeTool(argv[0]);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", argv) + " did not finish");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed (" + p.exitValue() + "): " + text);
        }
        return text;
    }

    static void assumeTool(String tool) {
        boolean found = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
        Assumptions.assumeTrue(found, tool + " is not installed on this machine");
    }
}
