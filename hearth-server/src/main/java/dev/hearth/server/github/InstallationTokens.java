package dev.hearth.server.github;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A GitHub App's installation tokens: the app's JWT finds the installation that covers a repository
 * ({@code GET /repos/{o}/{r}/installation}) and exchanges it for a token
 * ({@code POST /app/installations/{id}/access_tokens}, valid an hour). Tokens are cached per
 * installation until {@link #EARLY} before they expire, and dropped when GitHub refuses one.
 */
final class InstallationTokens implements TokenSource {

    /** A token is renewed this long before GitHub's expiry, so no call carries one that dies in flight. */
    static final Duration EARLY = Duration.ofMinutes(5);

    private record Cached(String token, Instant expiresAt) {
    }

    private final GitHubAuth.App app;
    private final GitHubHttp http;
    private final Clock clock;
    // A lock, not synchronized: the calls inside block on I/O and may run on virtual threads.
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Long> installations = new HashMap<>();
    private final Map<Long, Cached> tokens = new HashMap<>();

    InstallationTokens(GitHubAuth.App app, GitHubHttp http, Clock clock) {
        this.app = app;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String token(String repository) {
        lock.lock();
        try {
            long installation = installations.containsKey(repository)
                    ? installations.get(repository) : lookUpInstallation(repository);
            Cached cached = tokens.get(installation);
            if (cached == null || !clock.instant().isBefore(cached.expiresAt().minus(EARLY))) {
                cached = mint(installation);
                tokens.put(installation, cached);
            }
            return cached.token();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean rejected(String repository, String token) {
        lock.lock();
        try {
            Long installation = installations.get(repository);
            if (installation != null && tokens.containsKey(installation)
                    && tokens.get(installation).token().equals(token)) {
                tokens.remove(installation);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private long lookUpInstallation(String repository) {
        String path = "/repos/" + repository + "/installation";
        JsonNode body = expect(http.send("GET", path, null, jwt()), "GET", path);
        long id = body.path("id").asLong(-1);
        if (id < 0) {
            throw new IllegalStateException("GitHub's answer to GET " + path + " has no installation id");
        }
        installations.put(repository, id);
        return id;
    }

    private Cached mint(long installation) {
        String path = "/app/installations/" + installation + "/access_tokens";
        JsonNode body = expect(http.send("POST", path, null, jwt()), "POST", path);
        String token = body.path("token").asText("");
        String expires = body.path("expires_at").asText("");
        if (token.isEmpty() || expires.isEmpty()) {
            throw new IllegalStateException("GitHub's answer to POST " + path + " lacks token or expires_at");
        }
        return new Cached(token, Instant.parse(expires));
    }

    private String jwt() {
        return AppJwt.sign(app.appId(), app.privateKey(), clock.instant());
    }

    private static JsonNode expect(ApiResponse response, String method, String path) {
        if (!response.ok()) {
            throw new GitHubCallException(new CallFailure.Refused(method, path, response));
        }
        return GitHubJson.parse(response.body());
    }

    @Override
    public String toString() {
        return "InstallationTokens[app " + app.appId() + "]";
    }
}
