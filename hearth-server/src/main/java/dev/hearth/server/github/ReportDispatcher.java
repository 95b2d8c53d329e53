package dev.hearth.server.github;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Drains the outbox: claims the reports that are due, sends each through the {@link Reporter}, and
 * settles each claim with its outcome, so the retry schedule lives in the database, not in memory.
 */
public final class ReportDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ReportDispatcher.class);

    private final ReportQueue queue;
    private final Reporter reporter;
    private final Clock clock;
    private final int batch;

    public ReportDispatcher(ReportQueue queue, Reporter reporter, Clock clock, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive");
        }
        this.queue = queue;
        this.reporter = reporter;
        this.clock = clock;
        this.batch = batch;
    }

    /** Sends what is due now, one batch at a time until nothing is; returns how many claims it settled. */
    public int drainDue() {
        int settled = 0;
        while (true) {
            List<PendingReport> due = queue.claimDue(clock.instant(), batch);
            if (due.isEmpty()) {
                return settled;
            }
            for (PendingReport pending : due) {
                settle(pending, reporter.send(pending.report(), pending.attempt()));
                settled++;
            }
        }
    }

    private void settle(PendingReport pending, ReportOutcome outcome) {
        Report r = pending.report();
        switch (outcome) {
            case ReportOutcome.Sent s -> queue.sent(pending.id());
            case ReportOutcome.RetryAt retry -> {
                LOG.info("report {} ({} {}@{}) attempt {} to retry at {}: {}", pending.id(), r.kind(), r.repository(),
                        r.sha(), pending.attempt(), retry.at(), retry.reason());
                queue.retryAt(pending.id(), retry.at(), retry.reason());
            }
            case ReportOutcome.Failed failed -> {
                LOG.warn("report {} ({} {}@{}) failed for good after attempt {}: {}", pending.id(), r.kind(),
                        r.repository(), r.sha(), pending.attempt(), failed.reason());
                queue.failed(pending.id(), failed.reason());
            }
        }
    }

    /**
     * Drains every {@code interval} on a daemon thread until the returned handle is closed. A report
     * enqueued meanwhile waits at most one interval.
     */
    public AutoCloseable start(Duration interval) {
        AtomicBoolean running = new AtomicBoolean(true);
        Thread thread = Thread.ofPlatform().daemon().name("hearth-reporter").start(() -> {
            while (running.get()) {
                try {
                    drainDue();
                } catch (RuntimeException e) {
                    // The store may be briefly unavailable; the claims are durable, so try again next tick.
                    LOG.warn("draining the report outbox failed: {}", e.toString());
                }
                try {
                    Thread.sleep(interval);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return () -> {
            running.set(false);
            thread.interrupt();
            thread.join();
        };
    }
}
