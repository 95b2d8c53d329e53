package dev.hearth.actions.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Checks a script's syntax with a real {@code bash -n}, which parses without running anything. The
 * script goes through a temporary file so bash's messages carry line numbers.
 */
public final class BashSyntaxChecker {

    private static final long TIMEOUT_SECONDS = 10;
    private static final int MAX_MESSAGE = 2000;

    private final String bash;

    /** Uses {@code bash} from the {@code PATH}. */
    public BashSyntaxChecker() {
        this("bash");
    }

    public BashSyntaxChecker(String bash) {
        this.bash = bash;
    }

    /** Reads all of bash's output (so it never blocks on a full pipe) and keeps the start. */
    private static byte[] readBounded(Process p) throws IOException {
        var kept = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (var in = p.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                kept.write(buf, 0, Math.max(0, Math.min(n, MAX_MESSAGE * 4 - kept.size())));
            }
        }
        return kept.toByteArray();
    }

    /**
     * @return bash's complaint when the script does not parse, else empty
     * @throws UncheckedIOException when bash cannot be run at all
     */
    public Optional<String> check(String script) {
        Path file = null;
        try {
            file = Files.createTempFile("hearth-llm-", ".sh");
            Files.writeString(file, script, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(bash, "-n", file.toString())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = readBounded(p);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of("bash -n did not finish within " + TIMEOUT_SECONDS + "s");
            }
            if (p.exitValue() == 0) {
                return Optional.empty();
            }
            String msg = new String(out, StandardCharsets.UTF_8).replace(file.toString(), "script").strip();
            if (msg.length() > MAX_MESSAGE) {
                msg = msg.substring(0, MAX_MESSAGE) + "…";
            }
            return Optional.of(msg.isEmpty() ? "bash -n exited with " + p.exitValue() : msg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run '" + bash + " -n' to check a translated script: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking a translated script", e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }
}
