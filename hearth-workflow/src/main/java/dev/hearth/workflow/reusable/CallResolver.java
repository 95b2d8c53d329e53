package dev.hearth.workflow.reusable;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.Permissions;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.model.WorkflowInput;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.yaml.ScalarType;
import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Follows the reusable-workflow calls of a workflow, depth first, and attaches each called
 * workflow's model to its calling job. One resolver serves one top-level read.
 */
public final class CallResolver {
    /** GitHub allows ten levels of workflows: the caller and nine levels of called workflows. */
    public static final int MAX_DEPTH = 10;
    /** GitHub allows fifty distinct reusable workflows in one run. */
    public static final int MAX_DISTINCT_WORKFLOWS = 50;
    /**
     * Bound on the expanded result: the bytes of every called file, counted once per call. GitHub has
     * such a limit ("Maximum object size exceeded") without documenting it; this one is generous.
     */
    public static final long MAX_RESULT_BYTES = 10L * 1024 * 1024;

    private final ReadOptions options;
    private final Map<String, WorkflowReader.Parsed> cache = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private long resultBytes;
    private final List<String> unresolved = new ArrayList<>();
    private List<Problem> warnings = new ArrayList<>();

    public CallResolver(ReadOptions options) {
        this.options = options;
    }

    /** Calls that could not be read and were skipped (only when they are allowed), by reference. */
    public List<String> unresolved() {
        return unresolved;
    }

    /** The workflow with every resolvable call attached; problems of calls are added to {@code out}. */
    public Workflow resolve(Workflow workflow, YamlNode root, List<Problem> out, List<Problem> warnings) {
        this.warnings = warnings;
        return resolve(workflow, root, null, options.defaultPermissions(), 1, out);
    }

    /**
     * @param origin where {@code workflow} came from when it is a remote file, else null: its local
     *               calls ({@code ./.github/workflows/x.yml}) are files of that repository at that ref,
     *               as on GitHub ("the same commit as the caller workflow")
     */
    private Workflow resolve(Workflow workflow, YamlNode root, WorkflowRef origin, Permissions inherited, int depth,
                             List<Problem> out) {
        YamlMapping jobsNode = root instanceof YamlMapping m && m.get("jobs") instanceof YamlMapping j ? j : null;
        if (jobsNode == null) {
            return workflow;
        }
        List<Job> jobs = new ArrayList<>(workflow.jobs().size());
        boolean changed = false;
        Permissions workflowGrant = workflow.permissions() != null ? workflow.permissions() : inherited;
        for (Job job : workflow.jobs()) {
            if (job instanceof ReusableWorkflowJob call) {
                YamlMapping.Entry entry = entryOf(jobsNode, call.id());
                if (entry != null && entry.value() instanceof YamlMapping body) {
                    Workflow called = call(workflow.file(), origin, call, entry.key(), body,
                            call.permissions() != null ? call.permissions() : workflowGrant, depth, out);
                    if (called != null) {
                        job = call.withCalled(called);
                        changed = true;
                    }
                }
            }
            jobs.add(job);
        }
        if (!changed) {
            return workflow;
        }
        return new Workflow(workflow.file(), workflow.name(), workflow.runName(), workflow.on(),
                workflow.dispatchInputs(), workflow.call(), workflow.env(), workflow.defaults(),
                workflow.permissions(), workflow.concurrency(), jobs);
    }

    private static YamlMapping.Entry entryOf(YamlMapping jobs, String id) {
        for (YamlMapping.Entry e : jobs.entries()) {
            if (e.key().text().equals(id)) {
                return e;
            }
        }
        return null;
    }

    private Workflow call(String callerFile, WorkflowRef origin, ReusableWorkflowJob call, YamlScalar jobKey,
                          YamlMapping body,
                          Permissions granted, int depth, List<Problem> out) {
        YamlNode usesNode = body.get("uses");
        String uses = call.uses();
        if (uses == null || uses.contains("${{")) {
            return null;
        }
        WorkflowRef ref = WorkflowRef.parse(uses);
        if (ref == null) {
            error(out, callerFile, usesNode, "Invalid workflow reference '" + uses + "'. Expected "
                    + "./.github/workflows/{file} or {owner}/{repo}/.github/workflows/{file}@{ref}");
            return null;
        }
        if (ref.isLocal() && origin != null && !origin.isLocal()) {
            ref = new WorkflowRef(origin.owner(), origin.repo(), ref.path(), origin.ref());
        }
        if (depth >= MAX_DEPTH) {
            error(out, callerFile, usesNode, "Reusable workflows may be nested at most " + MAX_DEPTH
                    + " levels deep");
            return null;
        }
        String name = ref.displayName();
        WorkflowReader.Parsed parsed = cache.get(name);
        if (parsed == null) {
            if (!cache.containsKey(name) && cache.size() >= MAX_DISTINCT_WORKFLOWS) {
                error(out, callerFile, usesNode, "A workflow may call at most " + MAX_DISTINCT_WORKFLOWS
                        + " distinct reusable workflows");
                return null;
            }
            byte[] content;
            try {
                content = content(ref);
            } catch (IOException e) {
                content = null;
                if (!options.allowUnresolvedCalls()) {
                    error(out, callerFile, usesNode, "Unable to find reusable workflow: "
                            + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    return null;
                }
            }
            if (content == null) {
                if (options.allowUnresolvedCalls()) {
                    unresolved.add(uses);
                } else {
                    error(out, callerFile, usesNode, "Unable to find reusable workflow");
                }
                return null;
            }
            parsed = WorkflowReader.parse(name, content, out, warnings);
            cache.put(name, parsed);
            sizes.put(name, content.length);
            if (parsed == null) {
                return null;
            }
        }
        resultBytes += sizes.getOrDefault(name, 0);
        if (resultBytes > MAX_RESULT_BYTES) {
            error(out, callerFile, usesNode, "Error from called workflow " + name + ": Maximum object size exceeded");
            return null;
        }
        Workflow callee = parsed.workflow();
        if (callee.call() == null) {
            error(out, callerFile, usesNode, "workflow_call key is not defined in the referenced workflow.");
            return callee;
        }
        checkInputs(callerFile, call, usesNode, body.get("with"), callee, out);
        checkSecrets(callerFile, usesNode, body.get("secrets"), callee, out);
        checkPermissions(callerFile, jobKey, name, granted, callee, out);
        Permissions calleeGrant = callee.permissions() != null ? callee.permissions() : granted;
        return resolve(callee, parsed.root(), ref, calleeGrant, depth + 1, out);
    }

    /**
     * The called file's bytes: a local file from the repository; a remote one from the mirror, else from
     * the remote source; null when none has it.
     *
     * @throws IOException when the remote source failed to fetch it
     */
    private byte[] content(WorkflowRef ref) throws IOException {
        if (ref.isLocal() && options.localFiles() != null) {
            return options.localFiles().read(ref.path()).orElse(null);
        }
        Path file = ref.locate(options.repositoryRoot(), options.actionsMirror());
        if (file != null && Files.isRegularFile(file)) {
            try {
                return WorkflowReader.readBounded(file);
            } catch (IOException e) {
                return null;
            }
        }
        if (ref.isLocal()) {
            return null;
        }
        return options.remoteFiles().read(ref.owner(), ref.repo(), ref.ref(), ref.path()).orElse(null);
    }

    private void checkInputs(String file, ReusableWorkflowJob call, YamlNode usesNode, YamlNode withNode,
                             Workflow callee, List<Problem> out) {
        Map<String, WorkflowInput> defined = new HashMap<>();
        for (WorkflowInput in : callee.call().inputs().values()) {
            defined.put(in.name().toLowerCase(Locale.ROOT), in);
        }
        Map<String, YamlMapping.Entry> given = new HashMap<>();
        if (withNode instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                given.put(e.key().text().toLowerCase(Locale.ROOT), e);
            }
        }
        for (WorkflowInput in : callee.call().inputs().values()) {
            if (in.required() && !given.containsKey(in.name().toLowerCase(Locale.ROOT))) {
                error(out, file, usesNode, "Input " + in.name() + " is required, but not provided while calling.");
            }
        }
        if (withNode instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                WorkflowInput in = defined.get(e.key().text().toLowerCase(Locale.ROOT));
                if (in == null) {
                    error(out, file, e.value(), "Invalid input, " + e.key().text()
                            + " is not defined in the referenced workflow.");
                } else if (!fitsType(e.value(), in.type())) {
                    error(out, file, e.value(), "Input " + in.name() + " is of type " + in.type()
                            + ", but the value '" + ((YamlScalar) e.value()).text() + "' is not.");
                }
            }
        }
    }

    /** Whether a literal passed to an input fits its declared type; expressions are checked at run time. */
    private static boolean fitsType(YamlNode value, String type) {
        if (!(value instanceof YamlScalar s) || s.isNull() || (s.isString() && s.value().contains("${{"))) {
            return true;
        }
        return switch (type) {
            case "boolean" -> s.type() == ScalarType.BOOL;
            case "number" -> s.type() == ScalarType.INT || s.type() == ScalarType.FLOAT;
            default -> true;
        };
    }

    private void checkSecrets(String file, YamlNode usesNode, YamlNode secretsNode, Workflow callee,
                              List<Problem> out) {
        if (secretsNode instanceof YamlScalar s && "inherit".equals(s.text())) {
            return;
        }
        Map<String, YamlMapping.Entry> given = new HashMap<>();
        if (secretsNode instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                given.put(e.key().text().toLowerCase(Locale.ROOT), e);
            }
        }
        Map<String, Boolean> defined = new HashMap<>();
        callee.call().secrets().forEach((k, v) -> {
            defined.put(k.toLowerCase(Locale.ROOT), v.required());
            if (v.required() && !given.containsKey(k.toLowerCase(Locale.ROOT))) {
                error(out, file, usesNode, "Secret " + k + " is required, but not provided while calling.");
            }
        });
        for (Map.Entry<String, YamlMapping.Entry> e : given.entrySet()) {
            if (!defined.containsKey(e.getKey())) {
                error(out, file, e.getValue().value(), "Invalid secret, " + e.getValue().key().text()
                        + " is not defined in the referenced workflow.");
            }
        }
    }

    private void checkPermissions(String file, YamlScalar jobKey, String name, Permissions granted, Workflow callee,
                                  List<Problem> out) {
        if (callee.permissions() != null) {
            String excess = excess(callee.permissions(), granted);
            if (excess != null) {
                error(out, file, jobKey, "Error calling workflow '" + name + "'. The workflow '" + name
                        + "' is requesting " + excess);
            }
        }
        // Job-level permissions replace the called workflow's own: both are capped by the caller's grant.
        for (Job job : callee.jobs()) {
            if (job.permissions() == null) {
                continue;
            }
            String excess = excess(job.permissions(), granted);
            if (excess != null) {
                String jobName = job.name() != null ? job.name() : job.id();
                error(out, file, jobKey, "Error calling workflow '" + name + "'. The nested job '" + jobName
                        + "' is requesting " + excess);
            }
        }
    }

    /** "'a: write', but is only allowed 'a: read'." for the scopes requested beyond the grant, or null. */
    private static String excess(Permissions requested, Permissions granted) {
        StringBuilder want = new StringBuilder();
        StringBuilder allowed = new StringBuilder();
        for (String scope : Permissions.SCOPES) {
            String r = requested.level(scope);
            String g = granted.level(scope);
            if (Permissions.rank(r) > Permissions.rank(g)) {
                if (want.length() > 0) {
                    want.append(", ");
                    allowed.append(", ");
                }
                want.append(scope).append(": ").append(r);
                allowed.append(scope).append(": ").append(g);
            }
        }
        return want.length() == 0 ? null : "'" + want + "', but is only allowed '" + allowed + "'.";
    }

    private static void error(List<Problem> out, String file, YamlNode at, String message) {
        int line = at == null ? 0 : at.line();
        int column = at == null ? 0 : at.column();
        out.add(Problem.of(file, line, column, message));
    }
}
