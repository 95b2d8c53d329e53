package dev.hearth.server.store;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs every test of a subclass once on SQLite and once on PostgreSQL, each on a fresh database. */
@ParameterizedClass(name = "{0}")
@EnumSource(Dialect.class)
abstract class StoreTestBase {

    @Parameter
    Dialect dialect;

    @TempDir
    Path folder;

    Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

    @BeforeEach
    void openDatabase() {
        db = TestDatabases.open(dialect, folder);
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    NewDelivery delivery(String id) {
        return new NewDelivery(id, "push", null, clock.instant(), "{\"ref\":\"refs/heads/main\"}", DeliveryState.RECEIVED);
    }

    String storedDelivery(String id) {
        new DeliveryStore(db, clock).insertIfAbsent(delivery(id));
        return id;
    }
}
