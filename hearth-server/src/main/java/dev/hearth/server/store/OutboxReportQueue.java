package dev.hearth.server.store;

import dev.hearth.server.github.PendingReport;
import dev.hearth.server.github.Report;
import dev.hearth.server.github.ReportCodec;
import dev.hearth.server.github.ReportQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code outbox} table as the dispatcher's {@link ReportQueue}. The item's {@code kind} column holds
 * the report's {@link Report#supersedeKey() supersede key} (which starts with the report kind), so that
 * enqueueing drops older reports of the same key still waiting, and claiming skips a report while an
 * older one of its key is not settled: statuses and the PR comment never overtake each other.
 * A report given up for good is marked done with its reason kept in {@code last_error}.
 */
public final class OutboxReportQueue implements ReportQueue {

    static final String FAILED_PREFIX = "failed: ";
    static final String SUPERSEDED = "superseded";

    private final Jdbi writer;
    private final Dialect dialect;
    private final Clock clock;
    private final String owner;
    private final Duration claim;

    /**
     * @param owner this node's name, so claims of a dead node can expire
     * @param claim how long a claim lasts before the report is due again
     */
    public OutboxReportQueue(Database database, Clock clock, String owner, Duration claim) {
        this.writer = database.writer();
        this.dialect = database.dialect();
        this.clock = clock;
        this.owner = owner;
        this.claim = claim;
    }

    /**
     * Frees the claims held by processes whose owner name starts with {@code ownerPrefix}: at start, a
     * node's earlier processes are dead, and their reports need not wait for the claims to run out.
     * Returns how many were freed.
     */
    public int releaseClaimsOf(String ownerPrefix) {
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE outbox SET claimed_by = NULL, claimed_until = NULL
                        WHERE done = 0 AND substr(claimed_by, 1, :prefixLength) = :prefix""")
                .bind("prefix", ownerPrefix).bind("prefixLength", ownerPrefix.length()).execute());
    }

    @Override
    public void enqueue(Report report) {
        long now = clock.millis();
        String key = report.supersedeKey();
        String json = ReportCodec.toJson(report);
        writer.useTransaction(h -> {
            // Only the newest state of a status, check run or comment matters; unclaimed older ones go.
            h.createUpdate("""
                            UPDATE outbox SET done = 1, last_error = :why
                            WHERE kind = :key AND done = 0 AND (claimed_until IS NULL OR claimed_until < :now)""")
                    .bind("why", SUPERSEDED).bind("key", key).bind("now", now).execute();
            h.createUpdate("""
                            INSERT INTO outbox (kind, payload, next_attempt_at, attempts, done, created_at)
                            VALUES (:key, :payload, :now, 0, 0, :now)""")
                    .bind("key", key).bind("payload", json).bind("now", now).execute();
        });
    }

    @Override
    public List<PendingReport> claimDue(Instant now, int limit) {
        long at = now.toEpochMilli();
        return writer.inTransaction(h -> h.createQuery("""
                        UPDATE outbox SET claimed_by = :owner, claimed_until = :until, attempts = attempts + 1
                        WHERE id IN (SELECT o.id FROM outbox o
                                     WHERE o.done = 0 AND o.next_attempt_at <= :now
                                       AND (o.claimed_until IS NULL OR o.claimed_until < :now)
                                       AND NOT EXISTS (SELECT 1 FROM outbox p
                                                       WHERE p.kind = o.kind AND p.done = 0 AND p.id < o.id)
                                     ORDER BY o.next_attempt_at, o.id LIMIT :limit%s)
                        RETURNING id, payload, attempts""".formatted(dialect.lockForClaim()))
                .bind("owner", owner).bind("until", at + claim.toMillis()).bind("now", at).bind("limit", limit)
                .map((rs, ctx) -> new PendingReport(rs.getLong("id"), ReportCodec.fromJson(rs.getString("payload")),
                        rs.getInt("attempts")))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(PendingReport::id)).toList());
    }

    @Override
    public void sent(long id) {
        settle(id, "UPDATE outbox SET done = 1, last_error = NULL, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = :id AND claimed_by = :owner", null);
    }

    @Override
    public void retryAt(long id, Instant at, String reason) {
        writer.useHandle(h -> h.createUpdate("""
                        UPDATE outbox SET next_attempt_at = :at, last_error = :why, claimed_by = NULL, claimed_until = NULL
                        WHERE id = :id AND claimed_by = :owner""")
                .bind("at", at.toEpochMilli()).bind("why", reason).bind("id", id).bind("owner", owner).execute());
    }

    @Override
    public void failed(long id, String reason) {
        settle(id, "UPDATE outbox SET done = 1, last_error = :why, claimed_by = NULL, claimed_until = NULL"
                + " WHERE id = :id AND claimed_by = :owner", FAILED_PREFIX + reason);
    }

    private void settle(long id, String sql, String why) {
        writer.useHandle(h -> {
            var update = h.createUpdate(sql).bind("id", id).bind("owner", owner);
            if (why != null) {
                update.bind("why", why);
            }
            update.execute();
        });
    }
}
