package dev.hearth.server.store;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Webhook deliveries: stored once per GitHub delivery id, then moved through their states. */
public final class DeliveryStore {

    private static final RowMapper<Delivery> MAPPER = (rs, ctx) -> new Delivery(
            rs.getString("delivery_id"),
            rs.getString("event"),
            rs.getString("action"),
            Instant.ofEpochMilli(rs.getLong("received_at")),
            rs.getString("body"),
            DeliveryState.valueOf(rs.getString("state")),
            rs.getInt("attempts"),
            rs.getString("error"));

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final javax.sql.DataSource writerSource;
    /** The intake's inserts on SQLite (one writer), first come, first served; null on PostgreSQL. */
    private final IntakeWriter intakeWriter;
    private final Clock clock;

    public DeliveryStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.writer = database.writer();
        this.writerSource = database.writerDataSource();
        this.intakeWriter = database.dialect() == Dialect.SQLITE ? new IntakeWriter(writerSource) : null;
        this.clock = clock;
    }

    /**
     * Stores the delivery unless one with its id is already there. The insert is committed when this
     * returns. Returns true when it was new, false for a redelivery.
     */
    public boolean insertIfAbsent(NewDelivery d) {
        return intakeWriter != null ? intakeWriter.insertIfAbsent(d) : insert(d);
    }

    private boolean insert(NewDelivery d) {
        try {
            return IntakeWriter.insertAll(writerSource, List.of(d)).getFirst();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store delivery " + d.deliveryId() + ": " + e.getMessage(), e);
        }
    }


    /** The delivery with this id, if stored. */
    public Optional<Delivery> find(String deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM deliveries WHERE delivery_id = :id")
                .bind("id", deliveryId)
                .map(MAPPER)
                .findOne());
    }

    /** Up to {@code limit} deliveries in {@code state}, oldest first. */
    public List<Delivery> inState(DeliveryState state, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM deliveries WHERE state = :state ORDER BY received_at, delivery_id LIMIT :limit")
                .bind("state", state.name())
                .bind("limit", limit)
                .map(MAPPER)
                .list());
    }

    /**
     * Moves a delivery from {@code from} to {@code to}; counts an attempt when it enters PROCESSING.
     * Returns false when it was not in {@code from} (someone else moved it first).
     */
    public boolean transition(String deliveryId, DeliveryState from, DeliveryState to, String error) {
        int changed = writer.withHandle(h -> h.createUpdate("""
                        UPDATE deliveries SET state = :to, error = :error, updated_at = :now,
                               attempts = attempts + :attempt
                        WHERE delivery_id = :id AND state = :from""")
                .bind("id", deliveryId)
                .bind("from", from.name())
                .bind("to", to.name())
                .bind("error", error)
                .bind("now", clock.millis())
                .bind("attempt", to == DeliveryState.PROCESSING ? 1 : 0)
                .execute());
        return changed == 1;
    }

    /** How many deliveries are in each state (every state present, zero when none). */
    public Map<DeliveryState, Long> countByState() {
        Map<DeliveryState, Long> counts = new EnumMap<>(DeliveryState.class);
        for (DeliveryState s : DeliveryState.values()) {
            counts.put(s, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state")
                .map((rs, ctx) -> Map.entry(DeliveryState.valueOf(rs.getString("state")), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
