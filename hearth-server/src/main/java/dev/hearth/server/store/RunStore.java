package dev.hearth.server.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Runs: queued per matching workflow, claimed by one node at a time under a lease, completed with a
 * conclusion. A node that dies leaves its lease to expire; {@link #recoverExpired} takes such runs back.
 */
public final class RunStore {

    private static final RowMapper<Run> MAPPER = (rs, ctx) -> new Run(
            rs.getLong("id"),
            rs.getString("delivery_id"),
            rs.getString("repository"),
            rs.getString("sha"),
            rs.getString("ref"),
            rs.getString("workflow_path"),
            RunState.valueOf(rs.getString("state")),
            Rows.enumOrNull(Conclusion.class, rs, "conclusion"),
            rs.getInt("attempts"),
            rs.getString("lease_owner"),
            Rows.instant(rs, "lease_expires_at"),
            Rows.instant(rs, "created_at"),
            Rows.instant(rs, "started_at"),
            Rows.instant(rs, "completed_at"));

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final Dialect dialect;
    private final Clock clock;

    public RunStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.writer = database.writer();
        this.dialect = database.dialect();
        this.clock = clock;
    }

    /**
     * Queues a run unless the delivery already has one for this workflow (so processing a delivery
     * twice after a crash makes no duplicates). Returns the new run's id, or empty when it existed.
     */
    public Optional<Long> enqueue(NewRun run) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createQuery("""
                        INSERT INTO runs (delivery_id, repository, sha, ref, workflow_path, state, attempts, created_at, updated_at)
                        VALUES (:delivery, :repository, :sha, :ref, :workflow, 'QUEUED', 0, :now, :now)
                        ON CONFLICT (delivery_id, workflow_path) DO NOTHING
                        RETURNING id""")
                .bind("delivery", run.deliveryId())
                .bind("repository", run.repository())
                .bind("sha", run.sha())
                .bind("ref", run.ref())
                .bind("workflow", run.workflowPath())
                .bind("now", now)
                .mapTo(Long.class)
                .findOne());
    }

    /**
     * Claims the oldest queued run for {@code owner} until {@code lease} from now, counting an
     * attempt. Two claimers never get the same run: PostgreSQL skips rows another transaction holds,
     * SQLite lets one writer in at a time.
     */
    public Optional<Run> claimNext(String owner, Duration lease) {
        long now = clock.millis();
        return writer.inTransaction(h -> h.createQuery("""
                        UPDATE runs SET state = 'RUNNING', lease_owner = :owner, lease_expires_at = :until,
                               attempts = attempts + 1, started_at = COALESCE(started_at, :now), updated_at = :now
                        WHERE id = (SELECT id FROM runs WHERE state = 'QUEUED' ORDER BY id LIMIT 1%s)
                        RETURNING *""".formatted(dialect.lockForClaim()))
                .bind("owner", owner)
                .bind("until", now + lease.toMillis())
                .bind("now", now)
                .map(MAPPER)
                .findOne());
    }

    /** Extends the lease of a run {@code owner} holds; false when it no longer holds it. */
    public boolean renewLease(long runId, String owner, Duration lease) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE runs SET lease_expires_at = :until, updated_at = :now
                        WHERE id = :id AND lease_owner = :owner AND state = 'RUNNING'""")
                .bind("id", runId)
                .bind("owner", owner)
                .bind("until", now + lease.toMillis())
                .bind("now", now)
                .execute()) == 1;
    }

    /** Concludes a run {@code owner} holds; false when it no longer holds it (the result is then not its to give). */
    public boolean complete(long runId, String owner, Conclusion conclusion) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE runs SET state = 'COMPLETED', conclusion = :conclusion, completed_at = :now,
                               lease_owner = NULL, lease_expires_at = NULL, updated_at = :now
                        WHERE id = :id AND lease_owner = :owner AND state = 'RUNNING'""")
                .bind("id", runId)
                .bind("owner", owner)
                .bind("conclusion", conclusion.name())
                .bind("now", now)
                .execute()) == 1;
    }

    /** Concludes a queued run without running it (cancelled before it started); false if it was not queued. */
    public boolean concludeQueued(long runId, Conclusion conclusion) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE runs SET state = 'COMPLETED', conclusion = :conclusion, completed_at = :now, updated_at = :now
                        WHERE id = :id AND state = 'QUEUED'""")
                .bind("id", runId)
                .bind("conclusion", conclusion.name())
                .bind("now", now)
                .execute()) == 1;
    }

    /**
     * Takes back running runs whose lease has expired (their node died): those with fewer than
     * {@code maxAttempts} attempts are queued again, the rest are concluded {@link Conclusion#ERROR}.
     */
    public Recovered recoverExpired(int maxAttempts) {
        return recover("lease_expires_at < :now", Map.of(), maxAttempts);
    }

    /**
     * Takes back, as {@link #recoverExpired} does, every running run whose lease owner's name starts with
     * {@code ownerPrefix}, expired or not: at start, a node's earlier processes are known to be dead, so
     * their runs need not wait for their leases to run out. Only before this process claims anything.
     */
    public Recovered recoverAbandoned(String ownerPrefix, int maxAttempts) {
        // substr, not LIKE: a prefix holding a path may contain LIKE's wildcards
        return recover("substr(lease_owner, 1, :prefixLength) = :prefix",
                Map.of("prefix", ownerPrefix, "prefixLength", ownerPrefix.length()), maxAttempts);
    }

    private Recovered recover(String which, Map<String, Object> binds, int maxAttempts) {
        long now = clock.millis();
        return writer.inTransaction(h -> {
            List<long[]> expired = h.createQuery("""
                            SELECT id, attempts FROM runs
                            WHERE state = 'RUNNING' AND %s ORDER BY id%s"""
                            .formatted(which, dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : ""))
                    .bind("now", now)
                    .bindMap(binds)
                    .map((rs, ctx) -> new long[] {rs.getLong("id"), rs.getInt("attempts")})
                    .list();
            List<Long> requeued = new ArrayList<>();
            List<Long> errored = new ArrayList<>();
            for (long[] row : expired) {
                boolean again = row[1] < maxAttempts;
                h.createUpdate(again
                                ? "UPDATE runs SET state = 'QUEUED', lease_owner = NULL, lease_expires_at = NULL, updated_at = :now WHERE id = :id"
                                : """
                                UPDATE runs SET state = 'COMPLETED', conclusion = 'ERROR', completed_at = :now,
                                       lease_owner = NULL, lease_expires_at = NULL, updated_at = :now WHERE id = :id""")
                        .bind("id", row[0])
                        .bind("now", now)
                        .execute();
                (again ? requeued : errored).add(row[0]);
            }
            return new Recovered(requeued, errored);
        });
    }

    /** The run with this id. */
    public Optional<Run> find(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM runs WHERE id = :id")
                .bind("id", runId)
                .map(MAPPER)
                .findOne());
    }

    /** The runs made from one delivery, in the order they were queued. */
    public List<Run> forDelivery(String deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM runs WHERE delivery_id = :d ORDER BY id")
                .bind("d", deliveryId)
                .map(MAPPER)
                .list());
    }

    /** The most recent runs, newest first, for listing. */
    public List<Run> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM runs ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    /** How many runs are in each state (every state present). */
    public Map<RunState, Long> countByState() {
        Map<RunState, Long> counts = new EnumMap<>(RunState.class);
        for (RunState s : RunState.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM runs GROUP BY state")
                .map((rs, ctx) -> Map.entry(RunState.valueOf(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    // --- REST API (listing, cancel requests, re-runs) ---

    /** The runs matching {@code query}, newest first, one page of them, with the total that match. */
    public RunPage page(RunQuery query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> binds = new java.util.HashMap<>();
        if (query.repository() != null) {
            where.append(" AND repository = :repository");
            binds.put("repository", query.repository());
        }
        if (query.state() != null) {
            where.append(" AND state = :state");
            binds.put("state", query.state().name());
        }
        if (query.conclusion() != null) {
            where.append(" AND conclusion = :conclusion");
            binds.put("conclusion", query.conclusion().name());
        }
        return jdbi.inTransaction(h -> {
            List<Run> page = h.createQuery("SELECT * FROM runs" + where + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                    .bindMap(binds)
                    .bind("limit", query.perPage())
                    .bind("offset", (long) (query.page() - 1) * query.perPage())
                    .map(MAPPER)
                    .list();
            long total = h.createQuery("SELECT COUNT(*) FROM runs" + where).bindMap(binds).mapTo(Long.class).one();
            return new RunPage(page, total);
        });
    }

    /**
     * Records that someone asked to cancel a running run, for whichever node holds it to see (see
     * {@link #cancelRequested}). False when the run is not running or the request was already made.
     */
    public boolean requestCancel(long runId) {
        long now = clock.millis();
        return writer.withHandle(h -> h.createUpdate("""
                        UPDATE runs SET cancel_requested_at = :now, updated_at = :now
                        WHERE id = :id AND state = 'RUNNING' AND cancel_requested_at IS NULL""")
                .bind("id", runId)
                .bind("now", now)
                .execute()) == 1;
    }

    /** When a cancel of this run was asked for, if it was. */
    public Optional<java.time.Instant> cancelRequested(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested_at FROM runs WHERE id = :id AND cancel_requested_at IS NOT NULL")
                .bind("id", runId)
                .mapTo(Long.class)
                .findOne()
                .map(java.time.Instant::ofEpochMilli));
    }

    /**
     * Queues a new run of a completed run's workflow at the same commit. A delivery makes at most one
     * run per workflow, so the re-run gets a delivery of its own: a copy of the original (event,
     * action, payload) already {@link DeliveryState#DONE}, so it is never planned again, and with an
     * id that names the original ({@code <original>:rerun:<uuid>}). Returns the new run's id; empty
     * when the run does not exist or has not completed.
     */
    public Optional<Long> rerun(long runId) {
        long now = clock.millis();
        return writer.inTransaction(h -> {
            Optional<Run> original = h.createQuery("SELECT * FROM runs WHERE id = :id AND state = 'COMPLETED'")
                    .bind("id", runId)
                    .map(MAPPER)
                    .findOne();
            if (original.isEmpty()) {
                return Optional.<Long>empty();
            }
            Run run = original.get();
            String base = run.deliveryId();
            int mark = base.indexOf(":rerun:");
            String deliveryId = (mark >= 0 ? base.substring(0, mark) : base) + ":rerun:" + java.util.UUID.randomUUID();
            h.createUpdate("""
                            INSERT INTO deliveries (delivery_id, event, action, received_at, body, state, attempts, updated_at)
                            SELECT :newId, event, action, :now, body, 'DONE', 0, :now FROM deliveries WHERE delivery_id = :old""")
                    .bind("newId", deliveryId)
                    .bind("old", run.deliveryId())
                    .bind("now", now)
                    .execute();
            return Optional.of(h.createQuery("""
                            INSERT INTO runs (delivery_id, repository, sha, ref, workflow_path, state, attempts, created_at, updated_at)
                            VALUES (:delivery, :repository, :sha, :ref, :workflow, 'QUEUED', 0, :now, :now)
                            RETURNING id""")
                    .bind("delivery", deliveryId)
                    .bind("repository", run.repository())
                    .bind("sha", run.sha())
                    .bind("ref", run.ref())
                    .bind("workflow", run.workflowPath())
                    .bind("now", now)
                    .mapTo(Long.class)
                    .one());
        });
    }
}
