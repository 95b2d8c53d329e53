package dev.hearth.sandbox.vm.image;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.process.Executables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's packaging tools (apt-cache, apt-get, dpkg-deb, debootstrap, mkfs.ext4) with a bound,
 * and says clearly when one is missing.
 */
final class Tools {
    private Tools() {
    }

    /** The tool's stdout; fails with its stderr when it exits non-zero or runs too long. */
    static String run(List<String> argv, Path directory, Duration bound) throws SandboxException {
        Path tool = Executables.find(argv.getFirst()).orElseThrow(() -> new SandboxException(
                "hearth image build needs " + argv.getFirst() + " (a Debian or Ubuntu host with apt and dpkg), and it is not on the PATH"));
        List<String> command = new ArrayList<>(argv);
        command.set(0, tool.toString());
        Path err = null;
        try {
            err = Files.createTempFile("hearth-tool-", ".err");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectError(err.toFile())
                    .start();
            byte[] out;
            try (var stdout = process.getInputStream()) {
                // The outputs read here are small (a policy, a dependency list): reading them all first is safe.
                out = stdout.readAllBytes();
            }
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                throw new SandboxException(String.join(" ", argv) + " did not finish within " + bound.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
                throw new SandboxException(String.join(" ", argv) + " failed (exit " + process.exitValue() + ")"
                        + (stderr.isEmpty() ? "" : ": " + tail(stderr, 6)));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + argv.getFirst(), e);
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temporary file; the system cleans it eventually
                }
            }
        }
    }

    /**
     * Runs a long tool (debootstrap), handing each line it prints (stdout and stderr together) to
     * {@code lines} as it comes; fails with its last lines when it exits non-zero, and kills it with
     * everything it started when it runs longer than {@code bound}.
     */
    static void stream(List<String> argv, Map<String, String> env, Duration bound, Consumer<String> lines)
            throws SandboxException {
        Path tool = Executables.find(argv.getFirst()).orElseThrow(() -> new SandboxException(
                "hearth image build needs " + argv.getFirst() + ", and it is not on the PATH"));
        List<String> command = new ArrayList<>(argv);
        command.set(0, tool.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(new java.io.File("/"))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Deque<String> last = new ArrayDeque<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SandboxException("cannot run " + String.join(" ", argv) + ": " + e.getMessage(), e);
        }
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                    timedOut.set(true);
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the tool ended first
            }
        });
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.accept(line);
                last.addLast(line);
                if (last.size() > 8) {
                    last.removeFirst();
                }
            }
            int code = process.waitFor();
            if (timedOut.get()) {
                throw new SandboxException(String.join(" ", argv) + " did not finish within " + bound.toMinutes() + " min");
            }
            if (code != 0) {
                throw new SandboxException(String.join(" ", argv) + " failed (exit " + code + ")"
                        + (last.isEmpty() ? "" : ":\n" + String.join("\n", last)));
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read the output of " + argv.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running " + argv.getFirst(), e);
        } finally {
            watchdog.interrupt();
        }
    }

    /** The last {@code lines} lines of {@code text}. */
    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }
}
