package dev.hearth.engine.schedule;

import dev.hearth.engine.Isolation;
import dev.hearth.engine.RunRequest;
import dev.hearth.engine.job.Leg;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Hands sandboxes to jobs: with workflow isolation one sandbox, made for the first job and kept for the
 * others; with job isolation a new one per job, destroyed when the job is done. Everything still live
 * is destroyed by {@link #destroyAll()}, which the run calls however it ends.
 */
final class SandboxLeases {
    private final RunRequest request;
    private final Consumer<Sandbox> forget;
    private final String runTag = UUID.randomUUID().toString().substring(0, 8);
    private final List<Sandbox> live = new ArrayList<>();
    private Sandbox shared;
    private boolean closed;

    /** @param forget told of every sandbox that is destroyed, so what was known about it can go */
    SandboxLeases(RunRequest request, Consumer<Sandbox> forget) {
        this.request = request;
        this.forget = forget;
    }

    Sandbox acquire(Leg leg) throws SandboxException {
        synchronized (this) {
            if (closed) {
                throw new SandboxException("the run is stopping");
            }
            if (request.isolation() == Isolation.WORKFLOW && shared != null) {
                return shared;
            }
        }
        String name = request.isolation() == Isolation.WORKFLOW ? "hearth-" + runTag : "hearth-" + runTag + "-" + leg.index();
        Path dir = request.workDir().resolve(name);
        SandboxSpec spec = new SandboxSpec(name, null, dir, Map.of(), request.network(), null);
        Sandbox sandbox = request.backend().create(spec);
        synchronized (this) {
            if (closed) {
                sandbox.destroy();
                throw new SandboxException("the run is stopping");
            }
            live.add(sandbox);
            if (request.isolation() == Isolation.WORKFLOW) {
                shared = sandbox;
            }
        }
        return sandbox;
    }

    void release(Sandbox sandbox) {
        if (request.isolation() == Isolation.JOB) {
            destroy(sandbox);
        }
    }

    private void destroy(Sandbox sandbox) {
        synchronized (this) {
            live.remove(sandbox);
        }
        forget.accept(sandbox);
        sandbox.destroy();
    }

    void destroyAll() {
        List<Sandbox> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(live);
            live.clear();
            shared = null;
        }
        for (Sandbox s : all) {
            forget.accept(s);
            s.destroy();
        }
    }
}
