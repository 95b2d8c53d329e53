package dev.hearth.server.run;

import dev.hearth.engine.Cancellation;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs queued runs, at most {@link RunSettings#maxConcurrent()} at once on this node whatever delivery
 * they came from. A slot is taken before a run is claimed, so a claimed run never waits; each claimed
 * run gets a virtual thread and its lease is renewed while it runs. {@link #wake()} makes it look at
 * the queue at once; otherwise it looks every poll interval.
 */
public final class Scheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

    private final RunStore runs;
    private final WorkflowRunner runner;
    private final RunSettings settings;
    private final String owner;
    private final Lock claimGate;
    private final Semaphore slots;
    private final Map<Long, Cancellation> running = new ConcurrentHashMap<>();
    private final Lock wakeLock = new ReentrantLock();
    private final Condition woken = wakeLock.newCondition();
    private volatile boolean wakeRequested;
    private volatile boolean stopping;
    private Thread loop;
    private Thread renewer;

    /**
     * @param claimGate held while claiming; the delivery processor holds it while it queues and reports
     *                  runs, so a run's "queued" report is always in the outbox before its later ones
     */
    public Scheduler(RunStore runs, WorkflowRunner runner, RunSettings settings, String owner, Lock claimGate) {
        this.runs = runs;
        this.runner = runner;
        this.settings = settings;
        this.owner = owner;
        this.claimGate = claimGate;
        this.slots = new Semaphore(settings.maxConcurrent());
    }

    /** Starts claiming and running. */
    public synchronized void start() {
        loop = Thread.ofPlatform().daemon().name("hearth-scheduler").start(this::claimLoop);
        renewer = Thread.ofPlatform().daemon().name("hearth-lease-renewer").start(this::renewLoop);
    }

    /** Looks at the queue now. */
    public void wake() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            woken.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    /** How many runs this node is running. */
    public int running() {
        return running.size();
    }

    private void claimLoop() {
        while (!stopping) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                return;
            }
            Optional<Run> claimed = Optional.empty();
            try {
                if (!stopping) {
                    claimGate.lock();
                    try {
                        claimed = runs.claimNext(owner, settings.lease());
                    } finally {
                        claimGate.unlock();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warn("claiming a run failed; trying again: {}", e.toString());
            }
            if (claimed.isEmpty()) {
                slots.release();
                if (!awaitWake()) {
                    return;
                }
                continue;
            }
            Run run = claimed.get();
            Cancellation cancellation = new Cancellation();
            running.put(run.id(), cancellation);
            Thread.ofVirtual().name("hearth-run-" + run.id()).start(() -> {
                try {
                    runner.run(run, cancellation);
                } catch (RuntimeException e) {
                    LOG.error("run {} failed unexpectedly", run.id(), e);
                } finally {
                    running.remove(run.id());
                    slots.release();
                    wake();
                }
            });
        }
    }

    /** Waits for a wake-up or the poll interval; false when interrupted (stopping). */
    private boolean awaitWake() {
        wakeLock.lock();
        try {
            if (!wakeRequested && !stopping) {
                woken.await(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
            return !stopping;
        } catch (InterruptedException e) {
            return false;
        } finally {
            wakeLock.unlock();
        }
    }

    private void renewLoop() {
        long every = Math.max(10, settings.lease().toMillis() / 3);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<Long, Cancellation> e : running.entrySet()) {
                try {
                    if (!runs.renewLease(e.getKey(), owner, settings.lease())) {
                        LOG.warn("run {} lost its lease; cancelling it here", e.getKey());
                        e.getValue().cancel();
                    } else if (!e.getValue().isCancelled() && runs.cancelRequested(e.getKey()).isPresent()) {
                        // asked through the REST API, possibly on another node: the request is in the database
                        LOG.info("run {}: cancel requested", e.getKey());
                        e.getValue().cancel();
                    }
                } catch (RuntimeException ex) {
                    // The lease is long enough to outlast a brief database hiccup; try again next round.
                    LOG.warn("renewing the lease of run {} failed: {}", e.getKey(), ex.toString());
                }
            }
        }
    }

    /**
     * Stops claiming, lets running workflows finish for up to {@code grace}, then cancels the rest and
     * waits up to {@code grace} again for them to wind down (their conclusion is then cancelled).
     */
    public void shutdown(Duration grace) {
        stopping = true;
        wake();
        if (loop != null) {
            loop.interrupt();
        }
        if (!awaitIdle(grace)) {
            LOG.info("{} runs still running after the grace period; cancelling them", running.size());
            running.values().forEach(Cancellation::cancel);
            if (!awaitIdle(grace)) {
                running.values().forEach(Cancellation::kill);
                awaitIdle(grace);
            }
        }
        if (renewer != null) {
            renewer.interrupt();
        }
    }

    private boolean awaitIdle(Duration within) {
        try {
            if (slots.tryAcquire(settings.maxConcurrent(), within.toMillis(), TimeUnit.MILLISECONDS)) {
                slots.release(settings.maxConcurrent());
                return true;
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(30));
    }
}
