package dev.hearth.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases for tests: a SQLite file in the test's folder, or a new database in one embedded
 * PostgreSQL server started once for the whole test JVM (starting one takes seconds).
 */
public final class TestDatabases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {}

    /** A new, empty, migrated database of the given dialect. */
    public static Database open(Dialect dialect, Path folder) {
        return Database.open(location(dialect, folder));
    }

    /** Where a new, empty database of the given dialect is (created, not yet migrated). */
    public static DatabaseLocation location(Dialect dialect, Path folder) {
        return switch (dialect) {
            case SQLITE -> DatabaseLocation.sqlite(folder.resolve("hearth.db"));
            case POSTGRESQL -> newPostgresDatabase();
        };
    }

    private static DatabaseLocation newPostgresDatabase() {
        EmbeddedPostgres pg = postgres();
        String name = "hearth_test_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new DatabaseLocation(Dialect.POSTGRESQL, pg.getJdbcUrl("postgres", name), "postgres", null);
    }

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            EmbeddedPostgres started = postgres;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's folder is temporary
                }
            }));
        }
        return postgres;
    }
}
