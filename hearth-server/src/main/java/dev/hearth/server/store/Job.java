package dev.hearth.server.store;

import java.time.Instant;

/** One job of a run (one matrix leg is one job); {@code durationMs} is set when it completes. */
public record Job(long id, long runId, String jobKey, String name, RunState state, Conclusion conclusion,
        Instant startedAt, Instant completedAt, Long durationMs) {}
