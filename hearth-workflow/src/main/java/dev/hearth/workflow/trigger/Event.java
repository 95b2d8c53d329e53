package dev.hearth.workflow.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An event that may start workflows, reduced to what trigger filters look at. Fields an event does
 * not have are null.
 *
 * @param name         the event name, e.g. {@code push}, {@code pull_request}, {@code schedule}
 * @param action       the activity type ({@code opened}, {@code completed}, a repository_dispatch
 *                     {@code event_type}, ...), or null
 * @param ref          the full ref the run uses ({@code refs/heads/main}, {@code refs/tags/v1}), or null
 * @param baseRef      the base branch name of a pull request or merge group (no {@code refs/heads/}),
 *                     or null
 * @param headBranch   the head branch of a pull request or of the run behind a {@code workflow_run}, or null
 * @param workflow     the name of the workflow whose run caused a {@code workflow_run}, or null
 * @param schedule     the cron line of a {@code schedule} event, or null
 * @param changedPaths files the event changed, or null when unknown (then paths filters do not block)
 */
public record Event(String name, String action, String ref, String baseRef, String headBranch, String workflow,
                   String schedule, List<String> changedPaths) {

    public Event {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("an event needs a name");
        }
        changedPaths = changedPaths == null ? null : List.copyOf(changedPaths);
    }

    /** An event with nothing but its name. */
    public static Event named(String name) {
        return new Event(name, null, null, null, null, null, null, null);
    }

    /** A push of a full ref ({@code refs/heads/x} or {@code refs/tags/x}). */
    public static Event push(String ref, List<String> changedPaths) {
        return new Event("push", null, ref, null, null, null, null, changedPaths);
    }

    /** A pull_request event with its activity type and base branch. */
    public static Event pullRequest(String action, String baseRef, List<String> changedPaths) {
        return new Event("pull_request", action, null, baseRef, null, null, null, changedPaths);
    }

    /** This event with another activity type. */
    public Event withAction(String newAction) {
        return new Event(name, newAction, ref, baseRef, headBranch, workflow, schedule, changedPaths);
    }

    /** This event with the changed files now known (or unknown again with null). */
    public Event withChangedPaths(List<String> paths) {
        return new Event(name, action, ref, baseRef, headBranch, workflow, schedule, paths);
    }

    /**
     * Reads the fields the filters need from a webhook body.
     *
     * @param name    the event name (the {@code X-GitHub-Event} header)
     * @param payload the body; null or missing fields leave the matching fields null
     */
    public static Event fromPayload(String name, JsonNode payload) {
        if (payload == null || payload.isMissingNode() || payload.isNull()) {
            return named(name);
        }
        String action = text(payload, "action");
        String ref = text(payload, "ref");
        return switch (name) {
            case "push" -> new Event(name, null, ref, null, null, null, null, pushedPaths(payload));
            case "pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment" -> {
                JsonNode pr = payload.path("pull_request");
                String base = text(pr.path("base"), "ref");
                String head = text(pr.path("head"), "ref");
                String runRef = name.equals("pull_request_target") || !pr.has("number")
                        ? (base == null ? null : "refs/heads/" + base)
                        : "refs/pull/" + pr.path("number").asText() + "/merge";
                yield new Event(name, action, runRef, base, head, null, null, null);
            }
            case "merge_group" -> {
                JsonNode group = payload.path("merge_group");
                yield new Event(name, action, text(group, "head_ref"), branchName(text(group, "base_ref")),
                        null, null, null, null);
            }
            case "workflow_run" -> {
                JsonNode run = payload.path("workflow_run");
                yield new Event(name, action, null, null, text(run, "head_branch"), text(run, "name"), null, null);
            }
            case "schedule" -> new Event(name, null, ref, null, null, null, text(payload, "schedule"), null);
            default -> new Event(name, action, ref, null, null, null, null, null);
        };
    }

    /** A push body lists at most this many commits; a full list may be cut short. */
    private static final int MAX_PAYLOAD_COMMITS = 2048;

    /**
     * The files added, modified or removed by the pushed commits, in first-seen order; null when the
     * payload lists no commits (a new branch or tag, a deletion) or as many as a body can hold, because
     * then the diff is unknown.
     */
    private static List<String> pushedPaths(JsonNode payload) {
        JsonNode commits = payload.path("commits");
        if (!commits.isArray() || commits.isEmpty() || commits.size() >= MAX_PAYLOAD_COMMITS) {
            return null;
        }
        Set<String> paths = new LinkedHashSet<>();
        for (JsonNode commit : commits) {
            for (String field : new String[] {"added", "modified", "removed"}) {
                for (JsonNode path : commit.path(field)) {
                    if (path.isTextual()) {
                        paths.add(path.asText());
                    }
                }
            }
        }
        return new ArrayList<>(paths);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** {@code refs/heads/main} → {@code main}; anything else unchanged. */
    static String branchName(String ref) {
        if (ref != null && ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        return ref;
    }
}
