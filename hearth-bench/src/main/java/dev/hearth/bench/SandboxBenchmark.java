package dev.hearth.bench;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The price of a sandbox: one operation creates a sandbox, runs its first command ({@code true})
 * and destroys it, the fixed cost every job pays before and after its steps. Sampled, so the
 * report shows the median and tail (p0.50, p0.90) per backend. Target for bwrap: median at most
 * 30 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SandboxBenchmark {
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");

    /** The backend to measure. */
    @Param({"bwrap", "host"})
    public String backend;

    private SandboxBackend sandboxes;
    private Path base;
    private long next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        sandboxes = Backends.named(backend);
        Availability availability = sandboxes.availability();
        if (!availability.available()) {
            throw new IllegalStateException(backend + " does not work here: " + availability.reason());
        }
        base = Files.createTempDirectory("hearth-bench-sandbox-");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(base);
    }

    @Benchmark
    public ExitStatus createRunTrueDestroy() throws Exception {
        try (Sandbox sandbox = sandboxes.create(SandboxSpec.of("bench-" + next, base.resolve(Long.toString(next++)))
                .withEnv(ENV))) {
            ExitStatus status = sandbox.exec(ExecRequest.of(sandbox.workRoot(), "true"), OutputSink.DISCARD);
            if (!status.success()) {
                throw new IllegalStateException("'true' failed in a " + backend + " sandbox: " + status);
            }
            return status;
        }
    }
}
