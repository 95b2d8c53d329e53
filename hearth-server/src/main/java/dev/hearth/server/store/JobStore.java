package dev.hearth.server.store;

import java.time.Clock;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The jobs and steps of runs, recorded as the engine reports them: added queued, started, completed. */
public final class JobStore {

    private static final RowMapper<Job> JOB = (rs, ctx) -> new Job(
            rs.getLong("id"), rs.getLong("run_id"), rs.getString("job_key"), rs.getString("name"),
            RunState.valueOf(rs.getString("state")), Rows.enumOrNull(Conclusion.class, rs, "conclusion"),
            Rows.instant(rs, "started_at"), Rows.instant(rs, "completed_at"), Rows.nullableLong(rs, "duration_ms"));
    private static final RowMapper<Step> STEP = (rs, ctx) -> new Step(
            rs.getLong("id"), rs.getLong("job_id"), rs.getInt("number"), rs.getString("name"),
            RunState.valueOf(rs.getString("state")), Rows.enumOrNull(Conclusion.class, rs, "conclusion"),
            Rows.instant(rs, "started_at"), Rows.instant(rs, "completed_at"), Rows.nullableLong(rs, "duration_ms"));

    private final Jdbi jdbi;
    private final Jdbi writer;
    private final Clock clock;

    public JobStore(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.writer = database.writer();
        this.clock = clock;
    }

    /** Adds a queued job to a run; returns its id. */
    public long addJob(long runId, String jobKey, String name) {
        return writer.withHandle(h -> h.createQuery(
                        "INSERT INTO jobs (run_id, job_key, name, state) VALUES (:run, :key, :name, 'QUEUED') RETURNING id")
                .bind("run", runId).bind("key", jobKey).bind("name", name)
                .mapTo(Long.class).one());
    }

    /** Marks a job running from now. */
    public void startJob(long jobId) {
        start("jobs", jobId);
    }

    /** Completes a job with its conclusion; its duration is measured from when it started. */
    public void completeJob(long jobId, Conclusion conclusion) {
        complete("jobs", jobId, conclusion);
    }

    /** Adds a queued step to a job; returns its id. */
    public long addStep(long jobId, int number, String name) {
        return writer.withHandle(h -> h.createQuery(
                        "INSERT INTO steps (job_id, number, name, state) VALUES (:job, :number, :name, 'QUEUED') RETURNING id")
                .bind("job", jobId).bind("number", number).bind("name", name)
                .mapTo(Long.class).one());
    }

    /** Marks a step running from now. */
    public void startStep(long stepId) {
        start("steps", stepId);
    }

    /** Completes a step with its conclusion; its duration is measured from when it started. */
    public void completeStep(long stepId, Conclusion conclusion) {
        complete("steps", stepId, conclusion);
    }

    /** A run's jobs in the order they were added. */
    public List<Job> jobsOf(long runId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE run_id = :run ORDER BY id")
                .bind("run", runId).map(JOB).list());
    }

    /** A job's steps in their order. */
    public List<Step> stepsOf(long jobId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM steps WHERE job_id = :job ORDER BY number, id")
                .bind("job", jobId).map(STEP).list());
    }

    // The table name comes from this class only, never from input.
    private void start(String table, long id) {
        long now = clock.millis();
        writer.useHandle(h -> h.createUpdate("UPDATE " + table + " SET state = 'RUNNING', started_at = :now WHERE id = :id")
                .bind("id", id).bind("now", now).execute());
    }

    private void complete(String table, long id, Conclusion conclusion) {
        long now = clock.millis();
        writer.useHandle(h -> h.createUpdate("UPDATE " + table + """
                         SET state = 'COMPLETED', conclusion = :conclusion, completed_at = :now,
                             duration_ms = CASE WHEN started_at IS NULL THEN NULL ELSE :now - started_at END
                        WHERE id = :id""")
                .bind("id", id).bind("now", now).bind("conclusion", conclusion.name()).execute());
    }
}
