package dev.hearth.server.store;

/** The two databases the server runs on; the few SQL differences hang off this. */
public enum Dialect {
    SQLITE("db/migration/sqlite", ""),
    POSTGRESQL("db/migration/postgresql", " FOR UPDATE SKIP LOCKED");

    private final String migrations;
    private final String lockForClaim;

    Dialect(String migrations, String lockForClaim) {
        this.migrations = migrations;
        this.lockForClaim = lockForClaim;
    }

    /** Classpath folder of this dialect's Flyway migrations. */
    public String migrations() {
        return migrations;
    }

    /**
     * Suffix for the sub-select that picks work to claim. PostgreSQL skips rows other claimers hold;
     * SQLite needs nothing because its transactions begin IMMEDIATE, so one writer claims at a time.
     */
    public String lockForClaim() {
        return lockForClaim;
    }
}
