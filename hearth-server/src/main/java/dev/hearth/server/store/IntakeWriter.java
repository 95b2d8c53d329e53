package dev.hearth.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * The intake's inserts on SQLite, by one thread of its own: webhooks queue their delivery and wait;
 * the thread takes what has queued, inserts it in one transaction, commits, and only then lets them
 * all answer. First come, first served (the writer pool alone let newcomers take SQLite's one writer
 * connection ahead of those waiting, so a few answers waited many times longer than the rest), and
 * one commit for many deliveries under load.
 */
final class IntakeWriter {
    private static final int MOST_PER_COMMIT = 64;

    private record Job(NewDelivery delivery, CompletableFuture<Boolean> inserted) {
    }

    private final DataSource writer;
    private final String insert;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

    IntakeWriter(DataSource writer, String insert) {
        this.writer = writer;
        this.insert = insert;
        Thread.ofPlatform().daemon().name("hearth-intake-writer").start(this::run);
    }

    /** Inserts unless the delivery id is there; true when it was new. Committed when this returns. */
    boolean insertIfAbsent(NewDelivery d) {
        Job job = new Job(d, new CompletableFuture<>());
        queue.add(job);
        try {
            return job.inserted().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivery " + d.deliveryId() + " was stored", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void run() {
        List<Job> batch = new ArrayList<>(MOST_PER_COMMIT);
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(batch, MOST_PER_COMMIT - 1);
            try {
                List<Boolean> results = together(batch);
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).inserted().complete(results.get(i));
                }
            } catch (SQLException | RuntimeException e) {
                // one bad delivery must not fail the others: each on its own, in its own transaction
                for (Job job : batch) {
                    try {
                        job.inserted().complete(together(List.of(job)).getFirst());
                    } catch (SQLException | RuntimeException alone) {
                        job.inserted().completeExceptionally(new IllegalStateException(
                                "cannot store delivery " + job.delivery().deliveryId() + ": " + alone.getMessage(), alone));
                    }
                }
            }
            batch.clear();
        }
    }

    private List<Boolean> together(List<Job> jobs) throws SQLException {
        try (Connection c = writer.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(insert)) {
                List<Boolean> results = new ArrayList<>(jobs.size());
                for (Job job : jobs) {
                    NewDelivery d = job.delivery();
                    long receivedAt = d.receivedAt().toEpochMilli();
                    s.setString(1, d.deliveryId());
                    s.setString(2, d.event());
                    s.setString(3, d.action());
                    s.setLong(4, receivedAt);
                    s.setString(5, d.body());
                    s.setString(6, d.state().name());
                    s.setLong(7, receivedAt);
                    results.add(s.executeUpdate() == 1);
                }
                c.commit();
                return results;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }
}
