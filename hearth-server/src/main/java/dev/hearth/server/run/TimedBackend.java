package dev.hearth.server.run;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.server.metrics.ServerMetrics;
import java.time.Duration;

/** A backend that measures how long each sandbox takes to be ready, for the allocation-time metric. */
final class TimedBackend implements SandboxBackend {

    private final SandboxBackend backend;
    private final ServerMetrics metrics;

    TimedBackend(SandboxBackend backend, ServerMetrics metrics) {
        this.backend = backend;
        this.metrics = metrics;
    }

    @Override
    public BackendInfo info() {
        return backend.info();
    }

    @Override
    public Availability availability() {
        return backend.availability();
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        long start = System.nanoTime();
        Sandbox sandbox = backend.create(spec);
        metrics.sandboxAllocated(Duration.ofNanos(System.nanoTime() - start));
        return sandbox;
    }
}
