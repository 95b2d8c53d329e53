package dev.hearth.server.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a push, pull_request or workflow_dispatch payload says that Hearth needs to fetch the repository
 * and match triggers. Fields an event does not have are null.
 *
 * @param event          the event name (the {@code X-GitHub-Event} header)
 * @param action         the activity type ({@code opened}, ...), or null
 * @param repository     {@code owner/name}
 * @param cloneUrl       where the repository is fetched from
 * @param ref            the full ref ({@code refs/heads/main}, {@code refs/tags/v1}); for a pull request
 *                       the base branch's ref
 * @param sha            the commit the event is about: a push's {@code after}, a pull request's head; null
 *                       for workflow_dispatch, whose payload names only the ref
 * @param before         a push's previous commit of the ref, or null when the ref is new (all zeros)
 * @param deleted        true when a push deleted the ref: nothing is run
 * @param pushedCommits  the commit ids a push payload lists, oldest first (at most 2048: may be cut short)
 * @param pullRequest    the pull request, for pull_request events
 * @param workflow       the workflow file a workflow_dispatch names ({@code .github/workflows/x.yml}), or null
 * @param sender         the login of who caused the event, or null
 * @param payload        the whole body, for {@code github.event}
 */
public record EventFacts(String event, String action, String repository, String cloneUrl, String ref, String sha,
                         String before, boolean deleted, List<String> pushedCommits, PullRequestFacts pullRequest,
                         String workflow, String sender, JsonNode payload) {

    /** Git's name for "no commit": a push's {@code before} of a new ref, {@code after} of a deleted one. */
    public static final String ZERO_SHA = "0000000000000000000000000000000000000000";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final ObjectMapper JSON = new ObjectMapper();

    public EventFacts {
        pushedCommits = List.copyOf(pushedCommits);
    }

    /** Whether the event is one Hearth knows how to act on. */
    public static boolean supported(String event) {
        return event.equals("push") || event.equals("pull_request") || event.equals("workflow_dispatch");
    }

    /** Parses a raw body. */
    public static EventFacts parse(String event, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadPayloadException("the " + event + " payload is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadPayloadException("the " + event + " payload cannot be read: " + e.getMessage());
        }
        return parse(event, root);
    }

    /**
     * Reads the facts of a push, pull_request or workflow_dispatch payload.
     *
     * @throws BadPayloadException when the event is not one of those or a field needed is missing or malformed
     */
    public static EventFacts parse(String event, JsonNode payload) {
        if (event == null || !supported(event)) {
            throw new BadPayloadException("event '" + event + "' is not one of push, pull_request, workflow_dispatch");
        }
        if (payload == null || !payload.isObject()) {
            throw new BadPayloadException("the " + event + " payload is not a JSON object");
        }
        JsonNode repo = payload.path("repository");
        String repository = required(repo, "full_name", event, "repository.full_name");
        if (!repository.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+") || repository.contains("..")) {
            throw new BadPayloadException("repository.full_name '" + repository + "' is not owner/name");
        }
        String cloneUrl = required(repo, "clone_url", event, "repository.clone_url");
        String sender = optional(payload.path("sender"), "login");
        String action = optional(payload, "action");
        return switch (event) {
            case "push" -> push(payload, repository, cloneUrl, sender);
            case "pull_request" -> pullRequest(payload, action, repository, cloneUrl, sender);
            default -> {
                String ref = required(payload, "ref", event, "ref");
                String workflow = required(payload, "workflow", event, "workflow");
                yield new EventFacts(event, action, repository, cloneUrl, fullRef(ref), null, null, false, List.of(),
                        null, workflow, sender, payload);
            }
        };
    }

    private static EventFacts push(JsonNode payload, String repository, String cloneUrl, String sender) {
        String ref = required(payload, "ref", "push", "ref");
        String after = sha(payload, "after", "push", "after");
        String before = sha(payload, "before", "push", "before");
        boolean deleted = payload.path("deleted").asBoolean(false) || after.equals(ZERO_SHA);
        List<String> commits = new ArrayList<>();
        for (JsonNode c : payload.path("commits")) {
            String id = optional(c, "id");
            if (id != null && SHA.matcher(id).matches()) {
                commits.add(id);
            }
        }
        return new EventFacts("push", null, repository, cloneUrl, ref, deleted ? null : after,
                before.equals(ZERO_SHA) ? null : before, deleted, commits, null, null, sender, payload);
    }

    private static EventFacts pullRequest(JsonNode payload, String action, String repository, String cloneUrl,
                                          String sender) {
        String event = "pull_request";
        if (action == null) {
            throw new BadPayloadException("the pull_request payload has no action");
        }
        JsonNode pr = payload.path("pull_request");
        if (!pr.isObject()) {
            throw new BadPayloadException("the pull_request payload has no pull_request object");
        }
        JsonNode number = pr.path("number");
        if (!number.canConvertToInt() || number.asInt() <= 0) {
            throw new BadPayloadException("pull_request.number is missing or not a positive number");
        }
        JsonNode base = pr.path("base");
        JsonNode head = pr.path("head");
        String baseRef = required(base, "ref", event, "pull_request.base.ref");
        String baseSha = sha(base, "sha", event, "pull_request.base.sha");
        String headRef = required(head, "ref", event, "pull_request.head.ref");
        String headSha = sha(head, "sha", event, "pull_request.head.sha");
        String headRepo = optional(head.path("repo"), "full_name");
        String baseRepo = optional(base.path("repo"), "full_name");
        String mergeSha = optional(pr, "merge_commit_sha");
        if (mergeSha != null && !SHA.matcher(mergeSha).matches()) {
            mergeSha = null;
        }
        // GitHub's own test: the head is in another repository than the base; a deleted fork counts as one.
        boolean fromFork = headRepo == null || !headRepo.equalsIgnoreCase(baseRepo == null ? repository : baseRepo);
        PullRequestFacts facts = new PullRequestFacts(number.asInt(), baseRef, baseSha, headRef, headSha, headRepo,
                mergeSha, fromFork);
        return new EventFacts(event, action, repository, cloneUrl, "refs/heads/" + baseRef, headSha, null, false,
                List.of(), facts, null, sender, payload);
    }

    private static String fullRef(String ref) {
        return ref.startsWith("refs/") ? ref : "refs/heads/" + ref;
    }

    private static String sha(JsonNode node, String field, String event, String path) {
        String value = required(node, field, event, path);
        if (!SHA.matcher(value).matches()) {
            throw new BadPayloadException(path + " '" + value + "' is not a 40-digit commit SHA");
        }
        return value;
    }

    private static String required(JsonNode node, String field, String event, String path) {
        String value = optional(node, field);
        if (value == null || value.isEmpty()) {
            throw new BadPayloadException("the " + event + " payload has no " + path);
        }
        return value;
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
