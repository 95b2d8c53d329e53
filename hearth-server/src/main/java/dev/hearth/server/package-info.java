/**
 * {@code hearth serve}: where a webhook becomes runs. Sub-packages: {@code store} (the database:
 * deliveries, runs, jobs, steps, log chunks and the reporting outbox, on SQLite or PostgreSQL with
 * Flyway migrations), {@code webhook} (signed intake over HTTP, committed before it is answered),
 * {@code source} (the repository at the event's commit, its workflows, and which of them the event
 * triggers) and {@code github} (statuses, check runs and the PR comment, sent through the outbox with
 * retries). The scheduler that runs queued workflows through the engine ties them together.
 */
package dev.hearth.server;
