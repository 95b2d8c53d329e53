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

    private static final String INSERT = """
            INSERT INTO deliveries (delivery_id, event, action, received_at, body, state, attempts, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, 0, ?)
            ON CONFLICT (delivery_id) DO NOTHING""";

    private final DataSource writer;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();

    private volatile boolean started; // written under this

    IntakeWriter(DataSource writer) {
        this.writer = writer;
    }

    /** Its thread starts with the first delivery: a store that never takes webhooks needs none. */
    private synchronized void start() {
        if (!started) {
            Thread.ofPlatform().daemon().name("hearth-intake-writer").start(this::run);
            started = true;
        }
    }

    /** Inserts unless the delivery id is there; true when it was new. Committed when this returns. */
    boolean insertIfAbsent(NewDelivery d) {
        if (!started) {
            start();
        }
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
                List<Boolean> results = insertAll(writer, batch.stream().map(Job::delivery).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).inserted().complete(results.get(i));
                }
            } catch (SQLException | RuntimeException e) {
                // one bad delivery must not fail the others: each on its own, in its own transaction
                for (Job job : batch) {
                    try {
                        job.inserted().complete(insertAll(writer, List.of(job.delivery())).getFirst());
                    } catch (SQLException | RuntimeException alone) {
                        job.inserted().completeExceptionally(new IllegalStateException(
                                "cannot store delivery " + job.delivery().deliveryId() + ": " + alone.getMessage(), alone));
                    }
                }
            }
            batch.clear();
        }
    }

    /**
     * Inserts each delivery unless its id is there, all in one transaction, committed when this
     * returns (plain JDBC: it runs before webhooks are answered, where JDBI's set-up per call cost more
     * than the insert); whether each was new.
     */
    static List<Boolean> insertAll(DataSource writer, List<NewDelivery> deliveries) throws SQLException {
        try (Connection c = writer.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                List<Boolean> results = new ArrayList<>(deliveries.size());
                for (NewDelivery d : deliveries) {
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
