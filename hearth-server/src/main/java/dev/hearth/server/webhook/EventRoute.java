package dev.hearth.server.webhook;

import java.util.Set;

/** What the intake does with an event, decided by {@code X-GitHub-Event} and the payload's {@code action}. */
public enum EventRoute {
    /** An event that can start workflows: stored as received for the scheduler. */
    RUN,
    /** GitHub's hello when a webhook is created: answered with a pong. */
    PING,
    /** Anything else: acknowledged and stored as ignored. */
    IGNORE;

    private static final Set<String> PULL_REQUEST_ACTIONS = Set.of("opened", "synchronize", "reopened");

    /** The route for an event and action ({@code action} may be null). */
    public static EventRoute of(String event, String action) {
        return switch (event) {
            case "push", "workflow_dispatch" -> RUN;
            case "pull_request" -> action != null && PULL_REQUEST_ACTIONS.contains(action) ? RUN : IGNORE;
            case "ping" -> PING;
            default -> IGNORE;
        };
    }
}
