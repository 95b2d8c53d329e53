package dev.hearth.server.store;

import java.time.Instant;

/** One step of a job, numbered from 1 in the job's order. */
public record Step(long id, long jobId, int number, String name, RunState state, Conclusion conclusion,
        Instant startedAt, Instant completedAt, Long durationMs) {}
