package dev.hearth.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;

/**
 * The server's database: a connection pool, migrated to the current schema on open, and the JDBI
 * handle the store classes share. Close it to release the pool.
 */
public final class Database implements AutoCloseable {

    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    private final Dialect dialect;
    private final HikariDataSource dataSource;
    private final HikariDataSource writerSource;
    private final Jdbi jdbi;
    private final Jdbi writer;

    private Database(Dialect dialect, HikariDataSource dataSource, HikariDataSource writerSource) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.writerSource = writerSource;
        this.jdbi = Jdbi.create(dataSource);
        this.writer = writerSource == dataSource ? jdbi : Jdbi.create(writerSource);
    }

    /** Opens the database named by a {@code HEARTH_DB} value and migrates it. */
    public static Database open(String hearthDb, Path dataDir) {
        return open(DatabaseLocation.parse(hearthDb, dataDir));
    }

    /** Opens the database at {@code location} and migrates it to the current schema. */
    public static Database open(DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        config.setPoolName("hearth-" + location.dialect().name().toLowerCase(java.util.Locale.ROOT));
        if (location.user() != null) {
            config.setUsername(location.user());
        }
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        if (location.dialect() == Dialect.SQLITE) {
            createParentFolder(location.jdbcUrl());
            SQLiteConfig sqlite = new SQLiteConfig();
            sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // NORMAL is durable across process crashes in WAL mode; only an OS crash can lose the last commits.
            sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
            sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
            sqlite.enforceForeignKeys(true);
            // Writers take the lock when they begin, not when they first write: a deferred transaction
            // that later wants to write fails with SQLITE_BUSY at once instead of waiting its turn.
            sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.setDataSourceProperties(sqlite.toProperties());
            config.setMaximumPoolSize(8);
        } else {
            config.setMaximumPoolSize(16);
        }
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource = new HikariDataSource(config);
        HikariDataSource writerSource = dataSource;
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:" + location.dialect().migrations())
                    .load()
                    .migrate();
            if (location.dialect() == Dialect.SQLITE) {
                // SQLite lets one writer in at a time; writers racing on several connections wait in
                // SQLite's busy handler, which sleeps up to 100 ms a round. One writer connection
                // makes them queue in the pool instead, in order and without sleeping; readers keep
                // their own connections (WAL lets them read while the writer writes).
                HikariConfig writerConfig = new HikariConfig();
                config.copyStateTo(writerConfig);
                writerConfig.setPoolName(config.getPoolName() + "-writer");
                writerConfig.setMaximumPoolSize(1);
                writerSource = new HikariDataSource(writerConfig);
            }
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(location.dialect(), dataSource, writerSource);
    }

    private static void createParentFolder(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int query = file.indexOf('?');
        if (query >= 0) {
            file = file.substring(0, query);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the database folder " + parent + ": " + e.getMessage(), e);
        }
    }

    /** Which database this is. */
    public Dialect dialect() {
        return dialect;
    }

    /** The JDBI handle factory for reads. */
    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * The JDBI handle factory for writes (and reads that must see them in the same transaction). On
     * SQLite it has a single connection; on PostgreSQL it is the same as {@link #jdbi()}.
     */
    public Jdbi writer() {
        return writer;
    }

    /**
     * Where {@link #writer()} takes its connections, for the one write on the path of every webhook's
     * answer, which goes without JDBI's per-call set-up (a handle, its configuration, named
     * parameters): that set-up cost more CPU than SQLite's own insert.
     */
    public javax.sql.DataSource writerDataSource() {
        return writerSource;
    }

    /** True when a connection can be had and answers a trivial query within a second or two. */
    public boolean isReachable() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (writerSource != dataSource) {
            writerSource.close();
        }
        dataSource.close();
    }
}
