package dev.hearth.server.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@code hearth serve} is configured with. Read by {@link #load}: environment variables
 * win over the file named by {@code HEARTH_CONFIG}, which wins over the defaults.
 *
 * @param port                   {@code PORT}, default 3004
 * @param database               {@code HEARTH_DB}: empty for the SQLite file in the data folder, or a PostgreSQL URL
 * @param dataDir                {@code HEARTH_DATA_DIR}, default {@code ./hearth-data}
 * @param webhookSecret          {@code GITHUB_WEBHOOK_SECRET}; required unless {@code insecureNoSignature}
 * @param insecureNoSignature    {@code HEARTH_INSECURE_NO_SIGNATURE=true}: accept unsigned deliveries
 * @param githubToken            {@code GITHUB_TOKEN}, or empty when a GitHub App is used
 * @param githubAppId            {@code GITHUB_APP_ID}
 * @param githubAppPrivateKeyFile {@code GITHUB_APP_PRIVATE_KEY_FILE}
 * @param githubApiUrl           {@code GITHUB_API_URL}, default https://api.github.com
 * @param maxConcurrentWorkflows {@code MAX_CONCURRENT_WORKFLOWS}, default 4
 * @param backend                {@code HEARTH_BACKEND}: {@code auto}, {@code bwrap} or {@code host}
 * @param allowLocalRepos        {@code HEARTH_ALLOW_LOCAL_REPOS=true}: {@code file://} clone URLs allowed
 * @param maxBodyBytes           {@code HEARTH_MAX_BODY_BYTES}, default 25 MB (GitHub's largest payload)
 * @param githubApiTimeout       {@code GITHUB_API_TIMEOUT_SECONDS}, default 30: how long one call to GitHub's
 *                               API may take before it counts as failed and is retried later
 */
public record ServerConfig(
        int port,
        String database,
        Path dataDir,
        Optional<String> webhookSecret,
        boolean insecureNoSignature,
        Optional<String> githubToken,
        Optional<String> githubAppId,
        Optional<Path> githubAppPrivateKeyFile,
        URI githubApiUrl,
        int maxConcurrentWorkflows,
        String backend,
        boolean allowLocalRepos,
        long maxBodyBytes,
        Duration githubApiTimeout) {

    public static final int DEFAULT_PORT = 3004;
    public static final String DEFAULT_API_URL = "https://api.github.com";
    private static final List<String> BACKENDS = List.of("auto", "bwrap", "host");

    /** Reads the settings from this process's environment (and its {@code HEARTH_CONFIG} file). */
    public static ServerConfig fromEnvironment() {
        return load(System.getenv());
    }

    /** Reads the settings from {@code env} and the file its {@code HEARTH_CONFIG} names, if any. */
    public static ServerConfig load(Map<String, String> env) {
        Map<String, String> merged = new HashMap<>();
        String file = env.get("HEARTH_CONFIG");
        if (file != null && !file.isBlank()) {
            merged.putAll(ConfigSource.read(Path.of(file.strip())));
        }
        env.forEach((k, v) -> {
            if (v != null) {
                merged.put(k, v);
            }
        });
        return new Reader(merged).read();
    }

    /** Collects every problem before failing, so one start-up reports them all. */
    private static final class Reader {
        private final Map<String, String> values;
        private final List<String> problems = new ArrayList<>();

        Reader(Map<String, String> values) {
            this.values = values;
        }

        ServerConfig read() {
            int port = integer("PORT", DEFAULT_PORT, 0, 65535);
            String database = text("HEARTH_DB").orElse("");
            Path dataDir = Path.of(text("HEARTH_DATA_DIR").orElse("hearth-data"));
            Optional<String> secret = text("GITHUB_WEBHOOK_SECRET");
            boolean insecure = flag("HEARTH_INSECURE_NO_SIGNATURE");
            if (secret.isEmpty() && !insecure) {
                problems.add("GITHUB_WEBHOOK_SECRET is required (the secret set on the GitHub webhook); "
                        + "to accept unsigned deliveries on a trusted network only, set HEARTH_INSECURE_NO_SIGNATURE=true");
            }
            Optional<String> token = text("GITHUB_TOKEN");
            Optional<String> appId = text("GITHUB_APP_ID");
            Optional<Path> keyFile = text("GITHUB_APP_PRIVATE_KEY_FILE").map(Path::of);
            if (appId.isPresent() != keyFile.isPresent()) {
                problems.add("GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_FILE go together: set both or neither");
            }
            appId.filter(id -> !id.matches("[0-9]+")).ifPresent(id -> problems.add("GITHUB_APP_ID must be a number, got '" + id + "'"));
            keyFile.filter(f -> !Files.isReadable(f))
                    .ifPresent(f -> problems.add("GITHUB_APP_PRIVATE_KEY_FILE: cannot read " + f));
            URI api = uri("GITHUB_API_URL", DEFAULT_API_URL);
            int concurrency = integer("MAX_CONCURRENT_WORKFLOWS", 4, 1, 10_000);
            String backend = text("HEARTH_BACKEND").orElse("auto").toLowerCase(Locale.ROOT);
            if (!BACKENDS.contains(backend)) {
                problems.add("HEARTH_BACKEND must be one of " + BACKENDS + ", got '" + backend + "'");
            }
            boolean localRepos = flag("HEARTH_ALLOW_LOCAL_REPOS");
            long maxBody = integer("HEARTH_MAX_BODY_BYTES", 25L * 1024 * 1024, 1, Long.MAX_VALUE);
            int apiTimeout = integer("GITHUB_API_TIMEOUT_SECONDS", 30, 1, 600);
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new ServerConfig(port, database, dataDir, secret, insecure, token, appId, keyFile, api, concurrency,
                    backend, localRepos, maxBody, Duration.ofSeconds(apiTimeout));
        }

        private Optional<String> text(String name) {
            String v = values.get(name);
            return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
        }

        private boolean flag(String name) {
            Optional<String> v = text(name);
            if (v.isEmpty()) {
                return false;
            }
            return switch (v.get().toLowerCase(Locale.ROOT)) {
                case "true", "1", "yes" -> true;
                case "false", "0", "no" -> false;
                default -> {
                    problems.add(name + " must be true or false, got '" + v.get() + "'");
                    yield false;
                }
            };
        }

        private int integer(String name, int fallback, int min, int max) {
            return (int) integer(name, (long) fallback, min, (long) max);
        }

        private long integer(String name, long fallback, long min, long max) {
            Optional<String> v = text(name);
            if (v.isEmpty()) {
                return fallback;
            }
            try {
                long n = Long.parseLong(v.get());
                if (n < min || n > max) {
                    problems.add(name + " must be between " + min + " and " + max + ", got " + n);
                }
                return n;
            } catch (NumberFormatException e) {
                problems.add(name + " must be a whole number, got '" + v.get() + "'");
                return fallback;
            }
        }

        private URI uri(String name, String fallback) {
            String v = text(name).orElse(fallback);
            try {
                URI u = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
                if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                    problems.add(name + " must be an http(s) URL, got '" + v + "'");
                }
                return u;
            } catch (IllegalArgumentException e) {
                problems.add(name + " is not a valid URL: '" + v + "'");
                return URI.create(fallback);
            }
        }
    }

    /** True when a GitHub App (rather than a token) authenticates the server. */
    public boolean usesGitHubApp() {
        return githubAppId.isPresent();
    }

    /** Secrets are shown as set or not, never their values (the database URL may carry a password). */
    @Override
    public String toString() {
        return "ServerConfig[port=" + port
                + ", database=" + (database.isEmpty() ? "sqlite:" + dataDir.resolve("hearth.db") : database.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***"))
                + ", dataDir=" + dataDir
                + ", webhookSecret=" + (webhookSecret.isPresent() ? "***" : "(none)")
                + ", insecureNoSignature=" + insecureNoSignature
                + ", githubToken=" + (githubToken.isPresent() ? "***" : "(none)")
                + ", githubAppId=" + githubAppId.orElse("(none)")
                + ", githubAppPrivateKeyFile=" + githubAppPrivateKeyFile.map(Path::toString).orElse("(none)")
                + ", githubApiUrl=" + githubApiUrl
                + ", maxConcurrentWorkflows=" + maxConcurrentWorkflows
                + ", backend=" + backend
                + ", allowLocalRepos=" + allowLocalRepos
                + ", maxBodyBytes=" + maxBodyBytes
                + ", githubApiTimeout=" + githubApiTimeout + "]";
    }
}
