package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.process.Executables;
import dev.hearth.sandbox.vm.image.GuestImage;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import dev.hearth.sandbox.vm.image.RootfsBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The guest image for QEMU tests, built once per JVM in the user's cache; tests skip with the reason when it cannot be. */
final class TestGuest {
    private static GuestImage image;
    private static String missing;

    private TestGuest() {
    }

    private static Path rootImage;
    private static String rootMissing;

    /**
     * The root filesystem image, built once in the user's cache (minutes the first time, as root
     * only); tests skip with the reason when it cannot be.
     */
    static synchronized Path rootImage() {
        image();
        if (rootImage == null && rootMissing == null) {
            RootfsBuilder builder = RootfsBuilder.inUserCache();
            if (builder.cached().isEmpty() && RootfsBuilder.unavailableReason().isPresent()) {
                rootMissing = RootfsBuilder.unavailableReason().get();
            } else {
                try {
                    RootfsBuilder.Result result = builder.build(line -> System.err.println(line));
                    System.out.printf("rootfs build: %d ms (%s)%n", result.took().toMillis(),
                            result.cached() ? "from the cache" : "built");
                    rootImage = result.image().file();
                } catch (SandboxException e) {
                    rootMissing = e.getMessage();
                }
            }
        }
        Assumptions.assumeTrue(rootMissing == null, () -> "no root filesystem image: " + rootMissing);
        return rootImage;
    }

    static synchronized GuestImage image() {
        Assumptions.assumeTrue(Executables.find("qemu-system-x86_64").isPresent(),
                "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
        if (image == null && missing == null) {
            try {
                image = GuestImageBuilder.inUserCache().build().image();
            } catch (SandboxException e) {
                missing = e.getMessage();
            }
        }
        Assumptions.assumeTrue(missing == null, () -> "no guest image: " + missing);
        return image;
    }

    /** An EXEC payload: argc, envc, then argv, env and cwd as NUL-terminated strings. */
    static byte[] exec(List<String> argv, List<String> env, String cwd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(ByteBuffer.allocate(8).putInt(argv.size()).putInt(env.size()).array());
        for (String s : argv) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        for (String s : env) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        out.write(cwd.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return out.toByteArray();
    }

    /** What one command did, as the agent reported it. */
    record Ran(boolean started, String stdout, String stderr, int code, int signal) {
    }

    static final int STARTED = 3;
    static final int STDOUT = 4;
    static final int STDERR = 5;
    static final int EXIT = 6;
    static final int ERROR = 8;

    /** Runs {@code sh -c script} in the guest and collects its frames until EXIT. */
    static Ran sh(AgentChannel agent, int id, String script) throws IOException {
        AgentFrames.write(agent.output(), 2, id,
                exec(List.of("/bin/sh", "-c", script), List.of("PATH=/sbin:/bin:/usr/sbin:/usr/bin"), "/root"));
        boolean started = false;
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        while (true) {
            AgentFrames.Frame frame = AgentFrames.read(agent.input());
            if (frame.id() != id) {
                continue;
            }
            String text = new String(frame.payload(), StandardCharsets.UTF_8);
            switch (frame.type()) {
                case STARTED -> started = true;
                case STDOUT -> out.append(text);
                case STDERR -> err.append(text);
                case ERROR -> throw new IOException("the agent refused the command: " + text);
                case EXIT -> {
                    ByteBuffer b = ByteBuffer.wrap(frame.payload());
                    return new Ran(started, out.toString(), err.toString(), b.getInt(), b.getInt());
                }
                default -> { }
            }
        }
    }

    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
