package dev.hearth.workflow.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code permissions} value expanded to every scope GitHub knows, each {@code read}, {@code write}
 * or {@code none}. {@code read-all}, {@code write-all} and {@code {}} expand too.
 */
public record Permissions(Map<String, String> scopes) {
    /** Scopes in the order GitHub lists them in messages. */
    public static final List<String> SCOPES = List.of("actions", "attestations", "checks", "contents",
            "deployments", "discussions", "issues", "packages", "pages", "pull-requests",
            "repository-projects", "statuses", "security-events", "id-token", "models");

    public Permissions {
        scopes = Ordered.copy(scopes);
    }

    public static Permissions all(String level) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : SCOPES) {
            m.put(s, clamp(s, level));
        }
        return new Permissions(m);
    }

    /** Scopes not written are {@code none}, as GitHub does for a permissions mapping. */
    public static Permissions of(Map<String, String> written) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : SCOPES) {
            m.put(s, "none");
        }
        m.putAll(written);
        return new Permissions(m);
    }

    /** GitHub's restricted default for new repositories: contents and packages read, rest none. */
    public static Permissions limitedRead() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : SCOPES) {
            m.put(s, s.equals("contents") || s.equals("packages") ? "read" : "none");
        }
        return new Permissions(m);
    }

    public String level(String scope) {
        return scopes.getOrDefault(scope, "none");
    }

    /** Some scopes only know write or none (id-token) or read or none (models). */
    private static String clamp(String scope, String level) {
        if (scope.equals("id-token") && level.equals("read")) {
            return "none";
        }
        if (scope.equals("models") && level.equals("write")) {
            return "read";
        }
        return level;
    }

    public static int rank(String level) {
        return switch (level) {
            case "write" -> 2;
            case "read" -> 1;
            default -> 0;
        };
    }
}
