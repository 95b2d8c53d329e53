package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatabaseTest extends StoreTestBase {

    @Test
    void isReachableAndReopeningKeepsTheDataAndMigratesNothingTwice() throws Exception {
        assertThat(db.isReachable()).isTrue();
        assertThat(db.dialect()).isEqualTo(dialect);
        new DeliveryStore(db, clock).insertIfAbsent(delivery("kept"));
        DatabaseLocation location = dialect == Dialect.SQLITE ? DatabaseLocation.sqlite(folder.resolve("hearth.db")) : null;
        if (location != null) {
            db.close();
            db = Database.open(location);
        }
        assertThat(new DeliveryStore(db, clock).find("kept")).isPresent();
        int migrations = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE success = "
                        + (dialect == Dialect.SQLITE ? "1" : "true"))
                .mapTo(Integer.class).one());
        // Each migration of the dialect's folder applied once, however often the database was opened.
        long files;
        try (var list = java.nio.file.Files.list(java.nio.file.Path.of(getClass().getResource("/" + dialect.migrations()).toURI()))) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".sql")).count();
        }
        assertThat(migrations).isEqualTo(files).isPositive();
    }

    @Test
    void eachDialectIsSetUpForConcurrentWriters() {
        if (dialect == Dialect.POSTGRESQL) {
            // claims use FOR UPDATE SKIP LOCKED (PostgreSQL 9.5+); text is stored as UTF-8
            int version = Integer.parseInt(db.jdbi().withHandle(h -> h.createQuery("SHOW server_version_num")
                    .mapTo(String.class).one()));
            String encoding = db.jdbi().withHandle(h -> h.createQuery("SHOW server_encoding").mapTo(String.class).one());
            assertThat(version).isGreaterThanOrEqualTo(90500);
            assertThat(encoding).isEqualToIgnoringCase("UTF8");
            return;
        }
        String journal = db.jdbi().withHandle(h -> h.createQuery("PRAGMA journal_mode").mapTo(String.class).one());
        int busyTimeout = db.jdbi().withHandle(h -> h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one());
        int foreignKeys = db.jdbi().withHandle(h -> h.createQuery("PRAGMA foreign_keys").mapTo(Integer.class).one());
        assertThat(journal).isEqualToIgnoringCase("wal");
        assertThat(busyTimeout).isPositive();
        assertThat(foreignKeys).isEqualTo(1);
    }

    @Test
    void isNotReachableOnceClosed() {
        db.close();
        assertThat(db.isReachable()).isFalse();
        db = TestDatabases.open(dialect, folder.resolve("again"));
    }
}
