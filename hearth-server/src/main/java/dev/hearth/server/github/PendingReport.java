package dev.hearth.server.github;

import java.util.Objects;

/** A report the outbox hands out to be sent: its row id, the report, and which attempt this is (from 1). */
public record PendingReport(long id, Report report, int attempt) {
    public PendingReport {
        Objects.requireNonNull(report, "report");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
    }
}
