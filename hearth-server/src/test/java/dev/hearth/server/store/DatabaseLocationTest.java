package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DatabaseLocationTest {

    private final Path data = Path.of("/var/lib/hearth");

    @Test
    void defaultsToASqliteFileInTheDataFolder() {
        assertThat(DatabaseLocation.parse(null, data)).isEqualTo(DatabaseLocation.sqlite(data.resolve("hearth.db")));
        assertThat(DatabaseLocation.parse("  ", data).jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/hearth/hearth.db");
        assertThat(DatabaseLocation.parse("/tmp/x.db", data).jdbcUrl()).isEqualTo("jdbc:sqlite:/tmp/x.db");
        assertThat(DatabaseLocation.parse("jdbc:sqlite:/tmp/y.db", data).dialect()).isEqualTo(Dialect.SQLITE);
    }

    @Test
    void readsPostgresUrlsWithCredentialsOutOfTheJdbcUrl() {
        DatabaseLocation l = DatabaseLocation.parse("postgres://hearth:s%40cret@db.example:5433/hearth?sslmode=require", data);
        assertThat(l.dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/hearth?sslmode=require");
        assertThat(l.user()).isEqualTo("hearth");
        assertThat(l.password()).isEqualTo("s@cret");
        assertThat(l.toString()).doesNotContain("s@cret").doesNotContain("s%40cret");
        assertThat(DatabaseLocation.parse("jdbc:postgresql://h/db", data).dialect()).isEqualTo(Dialect.POSTGRESQL);
        assertThat(DatabaseLocation.parse("postgresql://h/db", data).user()).isNull();
    }

    @Test
    void refusesOtherUrlsWithoutRepeatingThePassword() {
        assertThatThrownBy(() -> DatabaseLocation.parse("mysql://root:hunter2@h/db", data))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEARTH_DB")
                .hasMessageNotContaining("hunter2");
    }
}
