package dev.hearth.server.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/** The one JSON mapper of this package: java.time as ISO-8601 text, as GitHub and the outbox expect. */
final class GitHubJson {

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private GitHubJson() {
    }

    static JsonNode parse(String body) {
        try {
            return MAPPER.readTree(body == null || body.isEmpty() ? "null" : body);
        } catch (IOException e) {
            throw new IllegalStateException("GitHub answered with a body that is not JSON: " + e.getMessage(), e);
        }
    }

    /** GitHub's error {@code message}, if the body carries one (never the whole body: it may be large). */
    static String message(String body) {
        try {
            JsonNode node = MAPPER.readTree(body == null || body.isEmpty() ? "null" : body);
            return node != null && node.hasNonNull("message") ? node.get("message").asText() : "";
        } catch (IOException e) {
            return "";
        }
    }
}
