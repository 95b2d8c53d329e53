package dev.hearth.engine.context;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code github} context and the GITHUB_* variables of a run, from the event payload first and the
 * local repository where the payload is silent (a {@code hearth run} without {@code -e}).
 */
public final class GithubContext {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    private final Map<String, Object> base;
    private final String eventJson;

    private GithubContext(Map<String, Object> base, String eventJson) {
        this.base = base;
        this.eventJson = eventJson;
    }

    /**
     * @param eventName    the event's name
     * @param payload      the event's payload
     * @param repo         what the local repository says
     * @param workflowName the workflow's {@code name:}, or its file path when it has none
     * @param workflowPath the workflow file relative to the repository ({@code .github/workflows/ci.yml})
     * @param token        the value of {@code secrets.GITHUB_TOKEN}, or empty
     */
    public static GithubContext of(String eventName, JsonNode payload, RepositoryInfo repo, String workflowName,
                                   String workflowPath, long runId, long runNumber, String actor, String token) {
        Map<String, Object> c = new LinkedHashMap<>();
        String repository = text(payload, "repository", "full_name");
        if (repository.isEmpty()) {
            repository = repo.repository();
        }
        String owner = text(payload, "repository", "owner", "login");
        if (owner.isEmpty()) {
            owner = repository.contains("/") ? repository.substring(0, repository.indexOf('/')) : repository;
        }
        String ref;
        String sha;
        String headRef = "";
        String baseRef = "";
        JsonNode pr = payload.path("pull_request");
        if (eventName.startsWith("pull_request") && pr.isObject()) {
            headRef = text(pr, "head", "ref");
            baseRef = text(pr, "base", "ref");
            String number = payload.path("number").asText(pr.path("number").asText(""));
            if (eventName.equals("pull_request_target")) {
                ref = "refs/heads/" + baseRef;
                sha = text(pr, "base", "sha");
            } else {
                ref = "refs/pull/" + number + "/merge";
                sha = pr.path("merge_commit_sha").asText("");
                if (sha.isEmpty() || pr.path("merge_commit_sha").isNull()) {
                    sha = text(pr, "head", "sha");
                }
            }
        } else {
            ref = payload.path("ref").asText("");
            if (!ref.isEmpty() && !ref.startsWith("refs/")) {
                ref = "refs/heads/" + ref; // workflow_dispatch payloads may carry a short branch name
            }
            sha = payload.path("after").asText("");
            if (sha.equals(ZERO_SHA)) {
                sha = payload.path("before").asText("");
            }
            baseRef = payload.path("base_ref").isTextual() ? payload.path("base_ref").asText() : "";
        }
        if (ref.isEmpty()) {
            ref = repo.ref() == null ? "" : repo.ref();
        }
        if (sha.isEmpty()) {
            sha = repo.sha() == null ? "" : repo.sha();
        }
        String refType = ref.startsWith("refs/tags/") ? "tag" : "branch";
        String refName = ref.startsWith("refs/heads/") ? ref.substring(11)
                : ref.startsWith("refs/tags/") ? ref.substring(10)
                : ref.startsWith("refs/pull/") ? ref.substring(10) : ref;
        String sender = text(payload, "sender", "login");
        String who = sender.isEmpty() ? actor : sender;
        String server = "https://github.com";

        c.put("action", "");
        c.put("action_path", "");
        c.put("action_ref", "");
        c.put("action_repository", "");
        c.put("action_status", "");
        c.put("actor", who);
        c.put("actor_id", payload.path("sender").path("id").asText("0"));
        c.put("api_url", "https://api.github.com");
        c.put("base_ref", baseRef);
        c.put("env", "");
        c.put("event", payload); // a Jackson tree: Values.of reads it directly, without a conversion pass
        c.put("event_name", eventName);
        c.put("event_path", "");
        c.put("graphql_url", "https://api.github.com/graphql");
        c.put("head_ref", headRef);
        c.put("job", "");
        c.put("output", "");
        c.put("path", "");
        c.put("ref", ref);
        c.put("ref_name", refName);
        c.put("ref_protected", false);
        c.put("ref_type", refType);
        c.put("repository", repository);
        c.put("repository_id", payload.path("repository").path("id").asText(""));
        c.put("repository_owner", owner);
        c.put("repository_owner_id", payload.path("repository").path("owner").path("id").asText(""));
        c.put("repositoryUrl", "git://github.com/" + repository + ".git");
        c.put("retention_days", "90");
        c.put("run_attempt", "1");
        c.put("run_id", Long.toString(runId));
        c.put("run_number", Long.toString(runNumber));
        c.put("secret_source", "Actions");
        c.put("server_url", server);
        c.put("sha", sha);
        c.put("state", "");
        c.put("step_summary", "");
        c.put("token", token == null ? "" : token);
        c.put("triggering_actor", who);
        c.put("workflow", workflowName);
        c.put("workflow_ref", repository + "/" + workflowPath + "@" + ref);
        c.put("workflow_sha", sha);
        c.put("workspace", "");
        return new GithubContext(c, pretty(payload));
    }

    /** The context for one step of a job (or for the job itself, with empty command-file paths). */
    public Map<String, Object> forStep(String jobId, String actionId, StepPaths paths) {
        Map<String, Object> c = new LinkedHashMap<>(base);
        for (String key : STEP_KEYS) {
            c.put(key, stepValue(key, jobId, actionId, paths));
        }
        return c;
    }

    /** The keys whose values belong to one step (or job) rather than to the run. */
    private static final String[] STEP_KEYS = {"job", "action", "workspace", "event_path", "env", "output", "state",
            "path", "step_summary"};

    /** The value of {@code key} for one step; null when the key is the run's, not the step's. */
    private static Object stepValue(String key, String jobId, String actionId, StepPaths paths) {
        return switch (key) {
            case "job" -> jobId;
            case "action" -> actionId == null ? "" : actionId;
            case "workspace" -> paths.workspace();
            case "event_path" -> paths.eventPath();
            case "env" -> nz(paths.env());
            case "output" -> nz(paths.output());
            case "state" -> nz(paths.state());
            case "path" -> nz(paths.path());
            case "step_summary" -> nz(paths.stepSummary());
            default -> null;
        };
    }

    /** The github context's keys that GitHub also gives a step as {@code GITHUB_<KEY>} variables. */
    private static final String[] ENV_KEYS = {"action", "actor", "actor_id", "api_url", "base_ref", "env",
            "event_name", "event_path", "graphql_url", "head_ref", "job", "output", "path", "ref", "ref_name",
            "ref_protected", "ref_type", "repository", "repository_id", "repository_owner", "repository_owner_id",
            "retention_days", "run_attempt", "run_id", "run_number", "server_url", "sha", "state", "step_summary",
            "triggering_actor", "workflow", "workflow_ref", "workflow_sha", "workspace"};
    private static final String[] ENV_NAMES = java.util.Arrays.stream(ENV_KEYS)
            .map(k -> "GITHUB_" + k.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new);

    /** GitHub's default environment variables for one step. */
    public Map<String, String> environment(String jobId, String actionId, StepPaths paths) {
        Map<String, String> env = new LinkedHashMap<>();
        putEnvironment(env, jobId, actionId, paths);
        return env;
    }

    /**
     * Puts GitHub's default environment variables for one step into {@code env}, straight from the
     * context's values: this runs for every step, so it builds no step context on the way.
     */
    public void putEnvironment(Map<String, String> env, String jobId, String actionId, StepPaths paths) {
        env.put("CI", "true");
        env.put("GITHUB_ACTIONS", "true");
        for (int i = 0; i < ENV_KEYS.length; i++) {
            Object value = stepValue(ENV_KEYS[i], jobId, actionId, paths);
            env.put(ENV_NAMES[i], String.valueOf(value != null ? value : base.get(ENV_KEYS[i])));
        }
    }

    /** The event payload as written to {@code GITHUB_EVENT_PATH} (once per run, not per job). */
    public String eventJson() {
        return eventJson;
    }

    private static String pretty(JsonNode payload) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The workflow's name: its {@code name:}, or its path in the repository. */
    public String workflowName() {
        return (String) base.get("workflow");
    }

    public String repository() {
        return (String) base.get("repository");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isValueNode() && !n.isNull() ? n.asText() : "";
    }
}
