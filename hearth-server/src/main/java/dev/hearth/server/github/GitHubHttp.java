package dev.hearth.server.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP exchange with GitHub's REST API, with the headers GitHub asks for. A base URL with a path
 * (GitHub Enterprise Server's {@code https://host/api/v3}) is kept: paths are appended, not resolved.
 */
final class GitHubHttp {

    static final String API_VERSION = "2022-11-28";

    private final HttpClient client;
    private final String baseUrl;
    private final Duration requestTimeout;

    GitHubHttp(URI apiUrl, Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        String url = apiUrl.toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Sends one request; a transport problem becomes a {@link GitHubCallException} holding an
     * {@link CallFailure.Unreachable}, an answer of any status is returned as it is.
     */
    ApiResponse send(String method, String path, JsonNode body, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION)
                .header("User-Agent", "hearth")
                .header("Authorization", "Bearer " + bearer);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            throw new GitHubCallException(new CallFailure.Unreachable(method, path, true, "timeout"));
        } catch (IOException e) {
            throw new GitHubCallException(new CallFailure.Unreachable(method, path, false,
                    e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubCallException(new CallFailure.Unreachable(method, path, false, "interrupted"));
        }
    }

    private static String write(JsonNode body) {
        try {
            return GitHubJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
