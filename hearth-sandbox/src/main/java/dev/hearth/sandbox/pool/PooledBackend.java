package dev.hearth.sandbox.pool;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps up to {@code perShape} sandboxes of each shape ready, made by another backend. {@link #create}
 * hands out a ready one of the request's shape (never the same one twice; the caller destroys it
 * after use, as any sandbox) and has another made in the background; with none ready it makes one
 * at once, as the backend alone would. What was made ahead never holds the request's environment:
 * commands get it as they start (secrets are pushed, never saved with a sandbox).
 *
 * <p>A shape is first warmed by {@link #warm} or by its first request. A failed background make is
 * logged and not retried until the next request of that shape, so a broken backend is not hammered.
 */
public final class PooledBackend implements SandboxBackend, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PooledBackend.class);

    /** What makes two sandboxes interchangeable before any request is known. */
    public record Shape(String image, NetworkPolicy network, ResourceLimits limits) {
        static Shape of(SandboxSpec spec) {
            return new Shape(spec.image(), spec.network(), spec.limits());
        }
    }

    private final SandboxBackend inner;
    private final int perShape;
    private final Path root;
    private final ExecutorService makers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong made = new AtomicLong();
    private final Object lock = new Object();
    private final Map<Shape, Deque<Sandbox>> ready = new HashMap<>(); // guarded by lock
    private final Map<Shape, Integer> making = new HashMap<>(); // guarded by lock
    private boolean closed; // guarded by lock

    /**
     * @param perShape how many to keep ready per shape
     * @param root     where the host folders of sandboxes made ahead go
     */
    public PooledBackend(SandboxBackend inner, int perShape, Path root) {
        if (perShape < 1) {
            throw new IllegalArgumentException("a pool keeps at least one sandbox ready, not " + perShape);
        }
        this.inner = inner;
        this.perShape = perShape;
        this.root = root;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public BackendInfo info() {
        return inner.info();
    }

    @Override
    public Availability availability() {
        return inner.availability();
    }

    /** Starts making sandboxes of this shape ahead of any request. */
    public void warm(Shape shape) {
        refill(shape);
    }

    /** How many sandboxes of this shape are ready now. */
    public int readyCount(Shape shape) {
        synchronized (lock) {
            Deque<Sandbox> q = ready.get(shape);
            return q == null ? 0 : q.size();
        }
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        Shape shape = Shape.of(spec);
        Sandbox taken = take(shape);
        refill(shape);
        if (taken == null) {
            return inner.create(spec);
        }
        return new SpecEnvSandbox(taken, spec.name(), spec.env());
    }

    private Sandbox take(Shape shape) {
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("the pool of " + inner.name() + " sandboxes is closed");
            }
            Deque<Sandbox> q = ready.get(shape);
            while (q != null && !q.isEmpty()) {
                Sandbox s = q.pollFirst();
                if (!s.isDestroyed()) {
                    return s;
                }
            }
            return null;
        }
    }

    private void refill(Shape shape) {
        int more;
        synchronized (lock) {
            if (closed) {
                return;
            }
            Deque<Sandbox> q = ready.computeIfAbsent(shape, s -> new ArrayDeque<>());
            int busy = making.getOrDefault(shape, 0);
            more = Math.max(0, perShape - q.size() - busy);
            making.put(shape, busy + more);
        }
        for (int i = 0; i < more; i++) {
            makers.execute(() -> makeOne(shape));
        }
    }

    private void makeOne(Shape shape) {
        String name = "pool-" + inner.name() + "-" + ProcessHandle.current().pid() + "-" + made.incrementAndGet();
        Sandbox sandbox = null;
        try {
            sandbox = inner.create(new SandboxSpec(name, shape.image(), root.resolve(name), Map.of(),
                    shape.network(), shape.limits()));
        } catch (SandboxException | RuntimeException e) {
            LOG.warn("could not make a {} sandbox ahead: {}", inner.name(), e.getMessage());
        }
        boolean keep;
        synchronized (lock) {
            making.merge(shape, -1, Integer::sum);
            keep = sandbox != null && !closed;
            if (keep) {
                ready.computeIfAbsent(shape, s -> new ArrayDeque<>()).addLast(sandbox);
            }
        }
        if (!keep && sandbox != null) {
            sandbox.destroy();
        }
    }

    /** Destroys every sandbox still waiting, and those being made once they are; makes no more. */
    @Override
    public void close() {
        List<Sandbox> idle = new ArrayList<>();
        synchronized (lock) {
            closed = true;
            ready.values().forEach(idle::addAll);
            ready.clear();
        }
        idle.forEach(Sandbox::destroy);
        makers.shutdown();
        try {
            if (!makers.awaitTermination(2, TimeUnit.MINUTES)) {
                LOG.warn("sandboxes of the {} pool were still being made after 2 minutes", inner.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
