package dev.hearth.server.store;

import java.time.Instant;

/**
 * A report owed to GitHub.
 *
 * @param kind          what to send (the reporter's name for it, e.g. {@code commit-status})
 * @param payload       what it needs, as JSON
 * @param nextAttemptAt not to be sent before this
 * @param attempts      how many sends were tried
 * @param lastError     why the last send failed, or null
 */
public record OutboxItem(long id, String kind, String payload, Instant nextAttemptAt, int attempts, String lastError, boolean done) {}
