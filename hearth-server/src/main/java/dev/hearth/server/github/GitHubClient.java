package dev.hearth.server.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/**
 * The calls Hearth makes to GitHub's REST API: commit statuses, check runs (found by name and updated,
 * else created) and the PR comment (found by {@link ResultsTable#MARKER} and edited, else created), so
 * sending the same report twice, as a retry after a lost answer does, changes nothing twice.
 * A failed call throws a {@link GitHubCallException}; a 401 gets one more try with a fresh token.
 */
public final class GitHubClient {

    /** GitHub rejects a status description over 140 characters with a 422. */
    static final int MAX_DESCRIPTION = 140;
    /** GitHub's limit for a check run's output summary. */
    static final int MAX_SUMMARY = 65_535;
    private static final int PAGE = 100;

    private final GitHubHttp http;
    private final TokenSource tokens;
    private final String appId;

    private GitHubClient(GitHubHttp http, TokenSource tokens, String appId) {
        this.http = http;
        this.tokens = tokens;
        this.appId = appId;
    }

    /** A client for {@code config}; {@code clock} dates App JWTs and token expiry. */
    public static GitHubClient create(GitHubConfig config, Clock clock) {
        GitHubHttp http = new GitHubHttp(config.apiUrl(), config.connectTimeout(), config.requestTimeout());
        return switch (config.auth()) {
            case GitHubAuth.Token t -> new GitHubClient(http, new TokenSource.Fixed(t.token()), null);
            case GitHubAuth.App a -> new GitHubClient(http, new InstallationTokens(a, http, clock), a.appId());
        };
    }

    /**
     * The token this client calls GitHub with for {@code repository} (the fixed token, or the App's
     * installation token for it, minted when needed), which also lets git fetch the repository.
     */
    public String tokenFor(String repository) {
        return tokens.token(repository);
    }

    /** Sends one report, whatever its kind. */
    public void send(Report report) {
        switch (report) {
            case Report.CommitStatus s -> createStatus(s);
            case Report.CheckRun c -> upsertCheckRun(c);
            case Report.PullRequestComment p -> upsertComment(p);
        }
    }

    /** {@code POST /repos/{o}/{r}/statuses/{sha}}. */
    public void createStatus(Report.CommitStatus status) {
        ObjectNode body = GitHubJson.MAPPER.createObjectNode()
                .put("state", status.state().word())
                .put("context", status.context());
        if (status.targetUrl() != null) {
            body.put("target_url", status.targetUrl());
        }
        if (status.description() != null) {
            body.put("description", cut(status.description(), MAX_DESCRIPTION));
        }
        call(status.repository(), "POST", "/repos/" + status.repository() + "/statuses/" + status.sha(), body);
    }

    /**
     * The check run {@code hearth/<workflow>} of the commit: {@code PATCH} the one this app made if there
     * is one, else {@code POST} a new one. Returns its id.
     */
    public long upsertCheckRun(Report.CheckRun run) {
        String repo = run.repository();
        String list = "/repos/" + repo + "/commits/" + run.sha() + "/check-runs?check_name="
                + URLEncoder.encode(run.name(), StandardCharsets.UTF_8) + "&filter=latest"
                + (appId == null ? "" : "&app_id=" + URLEncoder.encode(appId, StandardCharsets.UTF_8));
        JsonNode found = call(repo, "GET", list, null).path("check_runs");
        ObjectNode body = GitHubJson.MAPPER.createObjectNode()
                .put("name", run.name())
                .put("status", run.status().word());
        if (run.detailsUrl() != null) {
            body.put("details_url", run.detailsUrl());
        }
        if (run.startedAt() != null) {
            body.put("started_at", run.startedAt().toString());
        }
        if (run.conclusion() != null) {
            body.put("conclusion", run.conclusion().checkConclusion());
        }
        if (run.completedAt() != null) {
            body.put("completed_at", run.completedAt().toString());
        }
        String title = run.conclusion() == null ? run.status().word().replace('_', ' ') : run.conclusion().word();
        body.putObject("output")
                .put("title", run.name() + ": " + title)
                .put("summary", cut(run.summary() == null || run.summary().isEmpty() ? title : run.summary(), MAX_SUMMARY));
        if (found.isArray() && !found.isEmpty()) {
            long id = found.get(0).path("id").asLong();
            call(repo, "PATCH", "/repos/" + repo + "/check-runs/" + id, body);
            return id;
        }
        body.put("head_sha", run.sha());
        return call(repo, "POST", "/repos/" + repo + "/check-runs", body).path("id").asLong();
    }

    /** Hearth's one comment on the PR: edited if it exists (and differs), else created. Returns its id. */
    public long upsertComment(Report.PullRequestComment comment) {
        String repo = comment.repository();
        String text = ResultsTable.render(comment.sha(), comment.results());
        ObjectNode body = GitHubJson.MAPPER.createObjectNode().put("body", text);
        Optional<JsonNode> existing = findComment(repo, comment.number());
        if (existing.isPresent()) {
            long id = existing.get().path("id").asLong();
            if (!text.equals(existing.get().path("body").asText())) {
                call(repo, "PATCH", "/repos/" + repo + "/issues/comments/" + id, body);
            }
            return id;
        }
        return call(repo, "POST", "/repos/" + repo + "/issues/" + comment.number() + "/comments", body)
                .path("id").asLong();
    }

    private Optional<JsonNode> findComment(String repo, int number) {
        for (int page = 1; ; page++) {
            JsonNode comments = call(repo, "GET",
                    "/repos/" + repo + "/issues/" + number + "/comments?per_page=" + PAGE + "&page=" + page, null);
            for (JsonNode c : comments) {
                if (c.path("body").asText("").contains(ResultsTable.MARKER)) {
                    return Optional.of(c);
                }
            }
            if (comments.size() < PAGE) {
                return Optional.empty();
            }
        }
    }

    private JsonNode call(String repository, String method, String path, JsonNode body) {
        String token = tokens.token(repository);
        ApiResponse response = http.send(method, path, body, token);
        if (response.status() == 401 && tokens.rejected(repository, token)) {
            response = http.send(method, path, body, tokens.token(repository));
        }
        if (!response.ok()) {
            throw new GitHubCallException(new CallFailure.Refused(method, path, response));
        }
        return GitHubJson.parse(response.body());
    }

    /** Cuts at {@code max} UTF-16 units without splitting a surrogate pair, marking the cut with "…". */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
