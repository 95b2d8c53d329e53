/**
 * The server's durable state: webhook deliveries, the runs they become (with their jobs, steps and
 * log chunks) and the outbox of reports owed to GitHub. {@link dev.hearth.server.store.Database}
 * opens SQLite (the default, one file, WAL) or PostgreSQL from one setting and migrates either with
 * Flyway; the store classes each own one table family and speak in domain records, so the intake,
 * the scheduler and the reporter never write SQL. Times are stored as epoch milliseconds so both
 * databases read alike; claiming work uses leases so a crashed process's work can be taken back.
 */
package dev.hearth.server.store;
