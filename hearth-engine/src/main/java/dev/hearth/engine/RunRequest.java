package dev.hearth.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hearth.engine.action.ActionSetup;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.workflow.model.Workflow;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a run needs.
 *
 * @param workflow       the workflow, read and valid
 * @param workflowFile   its file
 * @param repository     the git repository it belongs to (for the github context), or null
 * @param eventName      the event that triggered it ({@code push}, {@code workflow_dispatch}…)
 * @param eventPayload   the event's webhook payload ({@code github.event}); an empty object when none
 * @param secrets        secrets by name
 * @param vars           configuration variables by name ({@code vars})
 * @param inputs         inputs of a {@code workflow_dispatch} or {@code workflow_call}
 * @param jobs           run only these jobs (and what they need); empty for all
 * @param matrixFilter   run only matrix legs with these values ({@code --matrix os:ubuntu})
 * @param backend        where steps run
 * @param isolation      what gets its own sandbox
 * @param network        network access of the sandboxes
 * @param workDir        host directory under which sandboxes keep their files
 * @param runId          {@code github.run_id}
 * @param runNumber      {@code github.run_number}
 * @param actor          {@code github.actor}
 * @param actions        how {@code uses:} steps are resolved and run: the action resolver, the built-in
 *                       actions, the LLM translator (optional) and the built-ins' stores; the event's
 *                       repository for checkout is {@code repository}, its token {@code secrets.GITHUB_TOKEN}
 */
public record RunRequest(Workflow workflow, Path workflowFile, Path repository, String eventName,
                         JsonNode eventPayload, Map<String, String> secrets, Map<String, String> vars,
                         Map<String, String> inputs, List<String> jobs, Map<String, String> matrixFilter,
                         SandboxBackend backend, Isolation isolation, NetworkPolicy network, Path workDir,
                         long runId, long runNumber, String actor,
                         ActionSetup actions) {
    public RunRequest {
        Objects.requireNonNull(workflow, "workflow");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(workDir, "workDir");
        eventName = eventName == null ? "push" : eventName;
        eventPayload = eventPayload == null ? JsonNodeFactory.instance.objectNode() : eventPayload;
        secrets = copy(secrets);
        vars = copy(vars);
        inputs = copy(inputs);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        matrixFilter = copy(matrixFilter);
        isolation = isolation == null ? Isolation.WORKFLOW : isolation;
        network = network == null ? NetworkPolicy.NONE : network;
        actor = actor == null ? System.getProperty("user.name", "hearth") : actor;
        actions = actions == null ? ActionSetup.defaults(workDir, runId) : actions;
    }

    /**
     * This request for a workflow that a job of it calls: the called workflow's jobs run with everything
     * else of the caller's run (event, backend, isolation, work folder).
     */
    public RunRequest withWorkflow(Workflow called) {
        return new RunRequest(called, workflowFile, repository, eventName, eventPayload, secrets, vars, inputs, jobs,
                matrixFilter, backend, isolation, network, workDir, runId, runNumber, actor, actions);
    }

    private static Map<String, String> copy(Map<String, String> m) {
        return m == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    public static Builder builder(Workflow workflow, SandboxBackend backend, Path workDir) {
        return new Builder(workflow, backend, workDir);
    }

    /** Builds a request step by step; everything but the workflow, backend and work dir has a default. */
    public static final class Builder {
        private final Workflow workflow;
        private final SandboxBackend backend;
        private final Path workDir;
        private Path workflowFile;
        private Path repository;
        private String eventName = "push";
        private JsonNode eventPayload;
        private Map<String, String> secrets = Map.of();
        private Map<String, String> vars = Map.of();
        private Map<String, String> inputs = Map.of();
        private List<String> jobs = List.of();
        private Map<String, String> matrixFilter = Map.of();
        private Isolation isolation = Isolation.WORKFLOW;
        private NetworkPolicy network = NetworkPolicy.NONE;
        private long runId = 1;
        private long runNumber = 1;
        private String actor;
        private ActionSetup actions;

        private Builder(Workflow workflow, SandboxBackend backend, Path workDir) {
            this.workflow = workflow;
            this.backend = backend;
            this.workDir = workDir;
        }

        public Builder workflowFile(Path v) { workflowFile = v; return this; }
        public Builder repository(Path v) { repository = v; return this; }
        public Builder event(String name, JsonNode payload) { eventName = name; eventPayload = payload; return this; }
        public Builder secrets(Map<String, String> v) { secrets = v; return this; }
        public Builder vars(Map<String, String> v) { vars = v; return this; }
        public Builder inputs(Map<String, String> v) { inputs = v; return this; }
        public Builder jobs(List<String> v) { jobs = v; return this; }
        public Builder matrixFilter(Map<String, String> v) { matrixFilter = v; return this; }
        public Builder isolation(Isolation v) { isolation = v; return this; }
        public Builder network(NetworkPolicy v) { network = v; return this; }
        public Builder runId(long v) { runId = v; return this; }
        public Builder runNumber(long v) { runNumber = v; return this; }
        public Builder actor(String v) { actor = v; return this; }
        public Builder actions(ActionSetup v) { actions = v; return this; }

        public RunRequest build() {
            return new RunRequest(workflow, workflowFile, repository, eventName, eventPayload, secrets, vars, inputs,
                    jobs, matrixFilter, backend, isolation, network, workDir, runId, runNumber, actor,
                    actions);
        }
    }
}
