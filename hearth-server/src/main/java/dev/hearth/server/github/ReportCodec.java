package dev.hearth.server.github;

import com.fasterxml.jackson.core.JsonProcessingException;

/** A {@link Report} as the JSON text the outbox stores, and back. */
public final class ReportCodec {

    private ReportCodec() {
    }

    public static String toJson(Report report) {
        try {
            return GitHubJson.MAPPER.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write report as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static Report fromJson(String json) {
        try {
            return GitHubJson.MAPPER.readValue(json, Report.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a stored report: " + e.getOriginalMessage(), e);
        }
    }
}
