package dev.hearth.server.github;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where GitHub's API is and how to authenticate to it. Check runs need a GitHub App, so an App
 * configuration reports check runs and a token configuration commit statuses.
 */
public record GitHubConfig(URI apiUrl, GitHubAuth auth, Duration connectTimeout, Duration requestTimeout) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

    public GitHubConfig {
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
    }

    public GitHubConfig(URI apiUrl, GitHubAuth auth) {
        this(apiUrl, auth, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** Whether results go to check runs (GitHub App) rather than commit statuses. */
    public boolean checkRuns() {
        return auth instanceof GitHubAuth.App;
    }

    /**
     * From {@code GITHUB_API_URL}, and {@code GITHUB_APP_ID} + {@code GITHUB_APP_PRIVATE_KEY_FILE} (an
     * App, preferred when both are set) or {@code GITHUB_TOKEN}. Empty when neither is configured: the
     * server then runs workflows without reporting. A half-configured App is an error.
     */
    public static Optional<GitHubConfig> fromEnvironment(Map<String, String> env) {
        URI api = Optional.ofNullable(blankToNull(env.get("GITHUB_API_URL"))).map(URI::create).orElse(DEFAULT_API_URL);
        String appId = blankToNull(env.get("GITHUB_APP_ID"));
        String keyFile = blankToNull(env.get("GITHUB_APP_PRIVATE_KEY_FILE"));
        if (appId != null || keyFile != null) {
            if (appId == null || keyFile == null) {
                throw new IllegalArgumentException("a GitHub App needs both GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_FILE");
            }
            String pem;
            try {
                pem = Files.readString(Path.of(keyFile));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read GITHUB_APP_PRIVATE_KEY_FILE " + keyFile, e);
            }
            return Optional.of(new GitHubConfig(api, new GitHubAuth.App(appId, PrivateKeyPem.read(pem))));
        }
        String token = blankToNull(env.get("GITHUB_TOKEN"));
        return token == null ? Optional.empty() : Optional.of(new GitHubConfig(api, new GitHubAuth.Token(token)));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
