package dev.hearth.server.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the database is, parsed from {@code HEARTH_DB}: empty means a SQLite file {@code hearth.db}
 * in the data folder; {@code jdbc:sqlite:…}, a plain path ending in {@code .db}, {@code jdbc:postgresql://…}
 * and {@code postgres://user:password@host:port/db} (as hosting platforms hand them out) are accepted.
 *
 * @param dialect  which database
 * @param jdbcUrl  the JDBC URL, without credentials
 * @param user     user name, or null when the URL carries none
 * @param password password, or null
 */
public record DatabaseLocation(Dialect dialect, String jdbcUrl, String user, String password) {

    public DatabaseLocation {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /** Parses a {@code HEARTH_DB} value; {@code dataDir} holds the default SQLite file. */
    public static DatabaseLocation parse(String setting, Path dataDir) {
        String value = setting == null ? "" : setting.strip();
        if (value.isEmpty()) {
            return sqlite(dataDir.resolve("hearth.db"));
        }
        if (value.startsWith("jdbc:sqlite:")) {
            return new DatabaseLocation(Dialect.SQLITE, value, null, null);
        }
        if (value.startsWith("jdbc:postgresql:")) {
            return new DatabaseLocation(Dialect.POSTGRESQL, value, null, null);
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return fromPostgresUri(value);
        }
        if (value.contains("://") || value.startsWith("jdbc:")) {
            throw new IllegalArgumentException(
                    "HEARTH_DB: unsupported database URL (expected a SQLite file, jdbc:sqlite:, jdbc:postgresql: or postgres://): "
                            + redact(value));
        }
        return sqlite(Path.of(value));
    }

    /** A SQLite database in the given file. */
    public static DatabaseLocation sqlite(Path file) {
        return new DatabaseLocation(Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), null, null);
    }

    private static DatabaseLocation fromPostgresUri(String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("HEARTH_DB: not a valid PostgreSQL URL: " + redact(value), e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("HEARTH_DB: the PostgreSQL URL names no host: " + redact(value));
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return new DatabaseLocation(Dialect.POSTGRESQL, "jdbc:postgresql://" + uri.getHost() + port + path + query, user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The value with any password replaced, fit for error messages and logs. */
    static String redact(String value) {
        return value.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return "DatabaseLocation[" + dialect + " " + jdbcUrl + (user == null ? "" : " as " + user) + "]";
    }
}
