package dev.hearth.server.github;

import dev.hearth.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where GitHub's API is and how to authenticate to it. Check runs need a GitHub App, so an App
 * configuration reports check runs and a token configuration commit statuses.
 */
public record GitHubConfig(URI apiUrl, GitHubAuth auth, Duration connectTimeout, Duration requestTimeout) {

    public static final URI DEFAULT_API_URL = URI.create("https://api.github.com");
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
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
     * From the server's settings: a GitHub App when {@code GITHUB_APP_ID} and its key file are set
     * (preferred over a token), else {@code GITHUB_TOKEN}; empty when neither is, and the server then runs
     * workflows without reporting. Calls are bounded by {@code GITHUB_API_TIMEOUT_SECONDS}.
     */
    public static Optional<GitHubConfig> from(ServerConfig config) {
        if (config.usesGitHubApp()) {
            Path keyFile = config.githubAppPrivateKeyFile().orElseThrow();
            String pem;
            try {
                pem = Files.readString(keyFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read GITHUB_APP_PRIVATE_KEY_FILE " + keyFile, e);
            }
            return Optional.of(new GitHubConfig(config.githubApiUrl(),
                    new GitHubAuth.App(config.githubAppId().orElseThrow(), PrivateKeyPem.read(pem)),
                    DEFAULT_CONNECT_TIMEOUT, config.githubApiTimeout()));
        }
        return config.githubToken().map(t -> new GitHubConfig(config.githubApiUrl(), new GitHubAuth.Token(t),
                DEFAULT_CONNECT_TIMEOUT, config.githubApiTimeout()));
    }
}
