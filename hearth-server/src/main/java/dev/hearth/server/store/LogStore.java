package dev.hearth.server.store;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Run logs, stored in chunks as they are written so they survive a crash and can be followed live. */
public final class LogStore {

    private static final RowMapper<LogChunk> MAPPER = (rs, ctx) -> new LogChunk(
            rs.getLong("id"), rs.getLong("run_id"), Rows.nullableLong(rs, "job_id"), Rows.nullableLong(rs, "step_id"),
            rs.getInt("sequence"), rs.getString("text"), Rows.instant(rs, "written_at"));

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final Clock clock;

    public LogStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.writer = database.writer();
        this.clock = clock;
    }

    /** Appends a chunk; returns its id. */
    public long append(long runId, Long jobId, Long stepId, int sequence, String text) {
        return writer.withHandle(h -> h.createQuery("""
                        INSERT INTO log_chunks (run_id, job_id, step_id, sequence, text, written_at)
                        VALUES (:run, :job, :step, :sequence, :text, :now) RETURNING id""")
                .bind("run", runId).bind("job", jobId).bind("step", stepId)
                .bind("sequence", sequence).bind("text", text).bind("now", clock.millis())
                .mapTo(Long.class).one());
    }

    /** Up to {@code limit} chunks of a run with an id above {@code afterId} (0 for the start), in order. */
    public List<LogChunk> read(long runId, long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM log_chunks WHERE run_id = :run AND id > :after ORDER BY id LIMIT :limit")
                .bind("run", runId).bind("after", afterId).bind("limit", limit)
                .map(MAPPER).list());
    }

    /** The chunks of one step, in the writer's order. */
    public List<LogChunk> readStep(long stepId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM log_chunks WHERE step_id = :step ORDER BY sequence, id")
                .bind("step", stepId).map(MAPPER).list());
    }
}
