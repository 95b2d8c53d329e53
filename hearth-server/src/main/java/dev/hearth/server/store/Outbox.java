package dev.hearth.server.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reports owed to GitHub, kept until sent. A sender claims due items for a while (so two senders do
 * not send the same one), then acknowledges each or puts it back for later with the error. A sender
 * that dies lets its claims expire and the items become due again: at-least-once delivery.
 */
public final class Outbox {

    private static final RowMapper<OutboxItem> MAPPER = (rs, ctx) -> new OutboxItem(
            rs.getLong("id"), rs.getString("kind"), rs.getString("payload"),
            Rows.instant(rs, "next_attempt_at"), rs.getInt("attempts"), rs.getString("last_error"), rs.getInt("done") != 0);

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final Dialect dialect;
    private final Clock clock;

    public Outbox(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.writer = database.writer();
        this.dialect = database.dialect();
        this.clock = clock;
    }

    /** Adds an item due now; returns its id. */
    public long enqueue(String kind, String payloadJson) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createQuery("""
                        INSERT INTO outbox (kind, payload, next_attempt_at, attempts, done, created_at)
                        VALUES (:kind, :payload, :now, 0, 0, :now) RETURNING id""")
                .bind("kind", kind).bind("payload", payloadJson).bind("now", now)
                .mapTo(Long.class).one());
    }

    /**
     * Claims up to {@code limit} due items for {@code owner} for {@code claim}, oldest due first, and
     * counts an attempt on each.
     */
    public List<OutboxItem> claimDue(String owner, Duration claim, int limit) {
        long now = clock.millis();
        return writer.inTransaction(h -> h.createQuery("""
                        UPDATE outbox SET claimed_by = :owner, claimed_until = :until, attempts = attempts + 1
                        WHERE id IN (SELECT id FROM outbox
                                     WHERE done = 0 AND next_attempt_at <= :now
                                       AND (claimed_until IS NULL OR claimed_until < :now)
                                     ORDER BY next_attempt_at, id LIMIT :limit%s)
                        RETURNING *""".formatted(dialect.lockForClaim()))
                .bind("owner", owner).bind("until", now + claim.toMillis()).bind("now", now).bind("limit", limit)
                .map(MAPPER).list()
                .stream().sorted(java.util.Comparator.comparing(OutboxItem::nextAttemptAt).thenComparing(OutboxItem::id))
                .toList());
    }

    /** Marks an item sent; false when {@code owner} no longer held its claim. */
    public boolean ack(long id, String owner) {
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE outbox SET done = 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL
                        WHERE id = :id AND claimed_by = :owner AND done = 0""")
                .bind("id", id).bind("owner", owner).execute()) == 1;
    }

    /** Puts an item back to be sent at {@code notBefore}, remembering why this send failed. */
    public boolean retryLater(long id, String owner, Instant notBefore, String error) {
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE outbox SET next_attempt_at = :at, last_error = :error, claimed_by = NULL, claimed_until = NULL
                        WHERE id = :id AND claimed_by = :owner AND done = 0""")
                .bind("id", id).bind("owner", owner).bind("at", notBefore.toEpochMilli()).bind("error", error)
                .execute()) == 1;
    }

    /** How many items are not yet sent. */
    public long pending() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE done = 0").mapTo(Long.class).one());
    }
}
