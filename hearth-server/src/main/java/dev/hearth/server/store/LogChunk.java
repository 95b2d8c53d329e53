package dev.hearth.server.store;

import java.time.Instant;

/**
 * A piece of a run's log. {@code id} orders all chunks of a run (readers follow a log by asking for
 * chunks after the last id they saw); {@code sequence} is the writer's own count within its step.
 * {@code jobId} and {@code stepId} are null for lines that belong to the run as a whole.
 */
public record LogChunk(long id, long runId, Long jobId, Long stepId, int sequence, String text, Instant writtenAt) {}
