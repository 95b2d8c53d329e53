package dev.hearth.workflow.build;

import static dev.hearth.workflow.build.Nodes.get;
import static dev.hearth.workflow.build.Nodes.map;
import static dev.hearth.workflow.build.Nodes.text;

import dev.hearth.workflow.model.Concurrency;
import dev.hearth.workflow.model.Container;
import dev.hearth.workflow.model.ControlStep;
import dev.hearth.workflow.model.Defaults;
import dev.hearth.workflow.model.Environment;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.ParallelStep;
import dev.hearth.workflow.model.Permissions;
import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.RunsOn;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.Strategy;
import dev.hearth.workflow.model.UsesStep;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.model.WorkflowCall;
import dev.hearth.workflow.model.WorkflowInput;
import dev.hearth.workflow.schema.Context;
import dev.hearth.workflow.schema.Schema;
import dev.hearth.workflow.trigger.EventTrigger;
import dev.hearth.workflow.trigger.PatternFilter;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.validate.ScalarTemplate;
import dev.hearth.workflow.yaml.ScalarType;
import dev.hearth.workflow.yaml.YamlMapping;
import dev.hearth.workflow.yaml.YamlNode;
import dev.hearth.workflow.yaml.YamlScalar;
import dev.hearth.workflow.yaml.YamlSequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Workflow} of one file from its YAML tree and reports the problems only visible
 * with the whole picture. Called after schema validation, on any tree (shapes are re-checked leniently).
 */
public final class ModelBuilder {
    private final String file;
    private final List<Problem> problems;
    private final List<Problem> warnings;
    private final Context jobIf;
    private final Context stepIf;

    private ModelBuilder(String file, List<Problem> problems, List<Problem> warnings) {
        this.file = file;
        this.problems = problems;
        this.warnings = warnings;
        Schema schema = Schema.workflow();
        this.jobIf = schema.context("job-if");
        this.stepIf = schema.context("step-if");
    }

    /**
     * Builds the workflow of {@code root}, adding problems to {@code out} and to {@code warnings} what
     * GitHub's parser accepts but GitHub refuses when the workflow runs. Null when root is no mapping.
     */
    public static Workflow build(String file, YamlNode root, List<Problem> out, List<Problem> warnings) {
        YamlMapping m = map(root);
        if (m == null) {
            return null;
        }
        return new ModelBuilder(file, out, warnings).workflow(m);
    }

    /**
     * Builds a list of steps on its own, with the same checks as a job's steps (ids, conditions,
     * {@code uses} syntax): for step lists outside workflows, such as a composite action's
     * {@code runs.steps}. Keys the caller's schema allows but workflows do not are its own concern.
     */
    public static List<Step> steps(String file, YamlNode steps, List<Problem> out) {
        return new ModelBuilder(file, out, new ArrayList<>()).steps(steps);
    }

    private void error(YamlNode at, String message) {
        problems.add(Problem.of(file, at.line(), at.column(), message));
    }

    private static Position pos(YamlNode n) {
        return n == null ? Position.NONE : new Position(n.line(), n.column());
    }

    private Workflow workflow(YamlMapping root) {
        List<EventTrigger> on = new ArrayList<>();
        Map<String, WorkflowInput> dispatchInputs = new LinkedHashMap<>();
        WorkflowCall call = events(get(root, "on"), on, dispatchInputs);
        YamlMapping defaultsRun = map(map(root, "defaults"), "run");
        Defaults defaults = defaultsRun == null ? null
                : new Defaults(text(defaultsRun, "shell"), text(defaultsRun, "working-directory"));
        List<Job> jobs = jobs(root.entry("jobs"));
        return new Workflow(file, text(root, "name"), text(root, "run-name"), on, dispatchInputs, call,
                Nodes.stringMap(get(root, "env")), defaults, permissions(get(root, "permissions")),
                concurrency(get(root, "concurrency")), jobs);
    }

    // ---- on ---------------------------------------------------------------------------------------

    private WorkflowCall events(YamlNode on, List<EventTrigger> out, Map<String, WorkflowInput> dispatchInputs) {
        WorkflowCall call = null;
        if (on instanceof YamlScalar s && !s.isNull()) {
            out.add(EventTrigger.of(s.text()));
            if (s.text().equals("workflow_call")) {
                call = new WorkflowCall(Map.of(), Map.of(), Map.of());
            }
        } else if (on instanceof YamlSequence seq) {
            for (YamlNode n : seq.items()) {
                String e = text(n);
                if (e != null) {
                    out.add(EventTrigger.of(e));
                    if (e.equals("workflow_call")) {
                        call = new WorkflowCall(Map.of(), Map.of(), Map.of());
                    }
                }
            }
        } else if (on instanceof YamlMapping m) {
            for (YamlMapping.Entry e : m.entries()) {
                String event = e.key().text();
                YamlMapping spec = map(e.value());
                switch (event) {
                    case "schedule" -> out.add(schedule(e.value()));
                    case "workflow_dispatch" -> {
                        out.add(EventTrigger.of(event));
                        dispatchInputs.putAll(inputs(map(spec, "inputs"), true));
                    }
                    case "workflow_call" -> {
                        out.add(EventTrigger.of(event));
                        call = workflowCall(spec);
                    }
                    default -> out.add(trigger(event, spec));
                }
            }
        }
        return call;
    }

    private EventTrigger trigger(String event, YamlMapping spec) {
        if (spec == null) {
            return EventTrigger.of(event);
        }
        return new EventTrigger(event, Nodes.strings(get(spec, "types")), filter(spec, "branches"),
                filter(spec, "tags"), filter(spec, "paths"), List.of(), Nodes.strings(get(spec, "workflows")));
    }

    private PatternFilter filter(YamlMapping spec, String name) {
        YamlMapping.Entry include = spec.entry(name);
        YamlMapping.Entry ignore = spec.entry(name + "-ignore");
        if (include != null && ignore != null) {
            YamlMapping.Entry later = include.key().line() > ignore.key().line() ? include : ignore;
            // GitHub's parser accepts both; GitHub refuses to run such a workflow.
            warnings.add(Problem.of(file, later.key().line(), later.key().column(), "You may only define one of '"
                    + name + "' and '" + name + "-ignore' for a single event."));
        }
        if (include != null) {
            return new PatternFilter(Nodes.strings(include.value()), false);
        }
        if (ignore != null) {
            return new PatternFilter(Nodes.strings(ignore.value()), true);
        }
        return null;
    }

    private EventTrigger schedule(YamlNode value) {
        List<String> crons = new ArrayList<>();
        if (value instanceof YamlSequence seq) {
            for (YamlNode item : seq.items()) {
                YamlNode cron = get(map(item), "cron");
                String line = text(cron);
                if (line == null) {
                    continue;
                }
                if (!Cron.isValid(line)) {
                    error(cron, "Invalid cron expression. Expected format: '* * * * *' (minute hour day month "
                            + "weekday)");
                }
                crons.add(line);
            }
        }
        return new EventTrigger("schedule", List.of(), null, null, null, crons, List.of());
    }

    private WorkflowCall workflowCall(YamlMapping spec) {
        Map<String, WorkflowCall.Output> outputs = new LinkedHashMap<>();
        YamlMapping outs = map(spec, "outputs");
        if (outs != null) {
            for (YamlMapping.Entry e : outs.entries()) {
                YamlMapping o = map(e.value());
                outputs.put(e.key().text(), new WorkflowCall.Output(e.key().text(), text(o, "description"),
                        text(o, "value"), pos(e.key())));
            }
        }
        Map<String, WorkflowCall.Secret> secrets = new LinkedHashMap<>();
        YamlMapping sec = map(spec, "secrets");
        if (sec != null) {
            for (YamlMapping.Entry e : sec.entries()) {
                YamlMapping s = map(e.value());
                YamlNode req = get(s, "required");
                secrets.put(e.key().text(), new WorkflowCall.Secret(e.key().text(), text(s, "description"),
                        req instanceof YamlScalar r && r.type() == ScalarType.BOOL
                                && r.asBoolean(), pos(e.key())));
            }
        }
        return new WorkflowCall(inputs(map(spec, "inputs"), false), outputs, secrets);
    }

    private Map<String, WorkflowInput> inputs(YamlMapping inputs, boolean dispatch) {
        Map<String, WorkflowInput> out = new LinkedHashMap<>();
        if (inputs == null) {
            return out;
        }
        for (YamlMapping.Entry e : inputs.entries()) {
            YamlMapping in = map(e.value());
            String type = text(in, "type");
            YamlNode req = get(in, "required");
            boolean required = req instanceof YamlScalar r && r.type() == ScalarType.BOOL
                    && r.asBoolean();
            YamlNode def = get(in, "default");
            YamlNode options = get(in, "options");
            if (def instanceof YamlScalar d && type != null) {
                checkDefault(d, type);
            }
            if (dispatch && in != null) {
                if ("choice".equals(type) && options == null) {
                    error(in, "Missing 'options' for choice input");
                } else if (options != null && !"choice".equals(type)) {
                    error(in, "Input type is not 'choice', but 'options' is defined");
                }
            }
            out.put(e.key().text(), new WorkflowInput(e.key().text(), text(in, "description"),
                    type == null ? "string" : type, required,
                    def instanceof YamlScalar s ? Nodes.scalarValue(s) : null, Nodes.strings(options), pos(e.key())));
        }
        return out;
    }

    /** A literal default must have the input's type: boolean for boolean, a string for text inputs. */
    private void checkDefault(YamlScalar d, String type) {
        if (d.isString() && ScalarTemplate.mayHaveExpressions(d.value())) {
            return;
        }
        String want = switch (type) {
            case "boolean" -> d.type() == ScalarType.BOOL ? null : "BooleanToken";
            case "string", "choice", "environment" -> d.isString() ? null : "StringToken";
            default -> null;
        };
        if (want != null) {
            String have = switch (d.type()) {
                case BOOL -> "BooleanToken";
                case INT, FLOAT -> "NumberToken";
                case NULL -> "NullToken";
                case STRING -> "StringToken";
            };
            error(d, "Unexpected type '" + have + "' encountered while reading 'input default'. The type '" + want
                    + "' was expected.");
        }
    }

    // ---- shared values ----------------------------------------------------------------------------

    private static Permissions permissions(YamlNode n) {
        if (n instanceof YamlScalar s) {
            return switch (s.text()) {
                case "read-all" -> Permissions.all("read");
                case "write-all" -> Permissions.all("write");
                default -> null;
            };
        }
        if (n instanceof YamlMapping m) {
            return Permissions.of(Nodes.stringMap(m));
        }
        return null;
    }

    private static Concurrency concurrency(YamlNode n) {
        if (n instanceof YamlScalar s && !s.isNull()) {
            return new Concurrency(s.text(), null);
        }
        if (n instanceof YamlMapping m) {
            return new Concurrency(text(m, "group"), Nodes.literalOrExpression(get(m, "cancel-in-progress")));
        }
        return null;
    }

    private String condition(YamlNode ifNode, Context context) {
        if (ifNode == null) {
            return Conditions.DEFAULT;
        }
        String source = Conditions.source(ifNode);
        String condition = Conditions.finish(source);
        // A value with ${{ }} had each expression checked by the schema validator, which reports at
        // the expression itself; checking the condition built from it again would report it twice.
        if (!source.isEmpty() && !hasTemplate(ifNode)) {
            String message = Conditions.check(condition, context);
            if (message != null) {
                error(ifNode, message);
            }
        }
        return condition;
    }

    /** Whether the value holds ${{ }} the schema validator checked (or reported as broken). */
    private static boolean hasTemplate(YamlNode n) {
        if (!(n instanceof YamlScalar s) || !s.isString() || !ScalarTemplate.mayHaveExpressions(s.value())) {
            return false;
        }
        ScalarTemplate t = ScalarTemplate.parse(s.value());
        return t.error() != null || (t.hasExpressions() && t.literalValue() == null);
    }

    // ---- jobs -------------------------------------------------------------------------------------

    private List<Job> jobs(YamlMapping.Entry jobsEntry) {
        List<Job> jobs = new ArrayList<>();
        if (jobsEntry == null || !(jobsEntry.value() instanceof YamlMapping m)) {
            return jobs;
        }
        Map<String, YamlScalar> keys = new LinkedHashMap<>();
        Map<String, List<YamlScalar>> needNodes = new LinkedHashMap<>();
        for (YamlMapping.Entry e : m.entries()) {
            String id = e.key().text();
            String bad = Identifiers.check(id);
            if (bad != null) {
                error(e.key(), bad);
            }
            YamlMapping body = map(e.value());
            keys.put(id, e.key());
            List<YamlScalar> needs = new ArrayList<>();
            YamlNode needsNode = get(body, "needs");
            if (needsNode instanceof YamlScalar s && !s.isNull()) {
                needs.add(s);
            } else if (needsNode instanceof YamlSequence seq) {
                for (YamlNode n : seq.items()) {
                    if (n instanceof YamlScalar s && !s.isNull()) {
                        needs.add(s);
                    }
                }
            }
            needNodes.put(id, needs);
            jobs.add(job(id, e.key(), body, needs));
        }
        checkGraph(m, keys, needNodes);
        return jobs;
    }

    /** Unknown needs, no job to start with, and cycles: GitHub's messages and positions. */
    private void checkGraph(YamlMapping jobsNode, Map<String, YamlScalar> keys, Map<String, List<YamlScalar>> needs) {
        if (keys.isEmpty()) {
            error(jobsNode, "The workflow must contain at least one job with no dependencies.");
            return;
        }
        Map<String, String> byUpper = new HashMap<>();
        for (String id : keys.keySet()) {
            byUpper.putIfAbsent(id.toUpperCase(Locale.ROOT), id);
        }
        boolean anyStart = false;
        for (List<YamlScalar> n : needs.values()) {
            if (n.isEmpty()) {
                anyStart = true;
                break;
            }
        }
        if (!anyStart) {
            error(keys.values().iterator().next(), "The workflow must contain at least one job with no dependencies.");
            // GitHub stops here; a misspelt need is the likeliest cause, so name it too (cycles are
            // implied by the message above and are not repeated).
            for (Map.Entry<String, List<YamlScalar>> e : needs.entrySet()) {
                for (YamlScalar n : e.getValue()) {
                    if (!byUpper.containsKey(n.text().toUpperCase(Locale.ROOT))) {
                        error(n, "Job '" + e.getKey() + "' depends on unknown job '" + n.text() + "'.");
                    }
                }
            }
            return;
        }
        // Kahn's algorithm: whatever stays unsatisfied either needs an unknown job or sits on a cycle.
        Set<String> done = new HashSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<YamlScalar>> e : needs.entrySet()) {
                String up = e.getKey().toUpperCase(Locale.ROOT);
                if (done.contains(up)) {
                    continue;
                }
                boolean ready = true;
                for (YamlScalar n : e.getValue()) {
                    if (!done.contains(n.text().toUpperCase(Locale.ROOT))) {
                        ready = false;
                        break;
                    }
                }
                if (ready) {
                    done.add(up);
                    progress = true;
                }
            }
        }
        for (Map.Entry<String, List<YamlScalar>> e : needs.entrySet()) {
            if (done.contains(e.getKey().toUpperCase(Locale.ROOT))) {
                continue;
            }
            for (YamlScalar n : e.getValue()) {
                String target = n.text().toUpperCase(Locale.ROOT);
                if (!byUpper.containsKey(target)) {
                    error(n, "Job '" + e.getKey() + "' depends on unknown job '" + n.text() + "'.");
                } else if (!done.contains(target)) {
                    error(n, "Job '" + e.getKey() + "' depends on job '" + n.text()
                            + "' which creates a cycle in the dependency graph.");
                }
            }
        }
    }

    private Job job(String id, YamlScalar key, YamlMapping body, List<YamlScalar> needNodes) {
        List<String> needs = new ArrayList<>(needNodes.size());
        for (YamlScalar n : needNodes) {
            needs.add(n.text());
        }
        if (body == null) {
            return new RunnerJob(id, null, needs, Conditions.DEFAULT, new RunsOn(List.of(), null, null), null,
                    Map.of(), Map.of(), null, null, null, null, null, Map.of(), null, null, List.of(), pos(key));
        }
        String name = text(body, "name");
        String condition = condition(get(body, "if"), jobIf);
        Strategy strategy = strategy(get(body, "strategy"));
        Permissions permissions = permissions(get(body, "permissions"));
        Concurrency concurrency = concurrency(get(body, "concurrency"));
        YamlNode uses = get(body, "uses");
        if (uses != null) {
            Map<String, Object> with = new LinkedHashMap<>();
            YamlMapping withNode = map(body, "with");
            if (withNode != null) {
                for (YamlMapping.Entry e : withNode.entries()) {
                    with.put(e.key().text(), e.value() instanceof YamlScalar s ? Nodes.scalarValue(s) : null);
                }
            }
            YamlNode secretsNode = get(body, "secrets");
            boolean inherit = secretsNode instanceof YamlScalar s && "inherit".equals(s.text());
            return new ReusableWorkflowJob(id, name, needs, condition, text(uses), with,
                    inherit ? Map.of() : Nodes.stringMap(secretsNode), inherit, strategy, permissions, concurrency,
                    null, pos(key));
        }
        YamlMapping defaultsRun = map(map(body, "defaults"), "run");
        Map<String, Container> services = new LinkedHashMap<>();
        YamlMapping servicesNode = map(body, "services");
        if (servicesNode != null) {
            for (YamlMapping.Entry e : servicesNode.entries()) {
                Container c = checkedContainer(e.value());
                if (c != null) {
                    services.put(e.key().text(), c);
                }
            }
        }
        return new RunnerJob(id, name, needs, condition, runsOn(get(body, "runs-on")),
                environment(get(body, "environment")), Nodes.stringMap(get(body, "outputs")),
                Nodes.stringMap(get(body, "env")),
                defaultsRun == null ? null : new Defaults(text(defaultsRun, "shell"),
                        text(defaultsRun, "working-directory")),
                Nodes.literalOrExpression(get(body, "timeout-minutes")),
                Nodes.literalOrExpression(get(body, "continue-on-error")), strategy, checkedContainer(get(body, "container")),
                services, permissions, concurrency, steps(get(body, "steps")), pos(key));
    }

    private RunsOn runsOn(YamlNode n) {
        if (n instanceof YamlScalar s && !s.isNull()) {
            String v = s.text();
            ScalarTemplate t = s.isString() && ScalarTemplate.mayHaveExpressions(v) ? ScalarTemplate.parse(v) : null;
            if (t != null && t.error() == null && t.isSingleExpression()) {
                return new RunsOn(List.of(), null, v);
            }
            return new RunsOn(List.of(v), null, null);
        }
        if (n instanceof YamlSequence) {
            return new RunsOn(Nodes.strings(n), null, null);
        }
        if (n instanceof YamlMapping m) {
            YamlNode group = get(m, "group");
            String g = text(group);
            if (g != null && !ScalarTemplate.mayHaveExpressions(g)) {
                checkGroup(group, g);
            }
            return new RunsOn(Nodes.strings(get(m, "labels")), g, null);
        }
        return new RunsOn(List.of(), null, null);
    }

    private void checkGroup(YamlNode at, String group) {
        int slash = group.indexOf('/');
        if (slash < 0) {
            return;
        }
        String prefix = group.substring(0, slash).toLowerCase(Locale.ROOT);
        String rest = group.substring(slash + 1);
        if (!prefix.equals("organization") && !prefix.equals("enterprise")) {
            if (rest.isEmpty()) {
                error(at, "Invalid runs-on group name '" + group + "'.");
            } else {
                error(at, "Invalid runs-on group name '" + group + "'. Please use 'organization/' or 'enterprise/' "
                        + "prefix to target a single runner group.");
            }
        } else if (rest.isEmpty()) {
            error(at, "Invalid runs-on group name '" + group + "'.");
        }
    }

    private static Environment environment(YamlNode n) {
        if (n instanceof YamlScalar s && !s.isNull()) {
            return new Environment(s.text(), null);
        }
        if (n instanceof YamlMapping m) {
            return new Environment(text(m, "name"), text(m, "url"));
        }
        return null;
    }

    private Container checkedContainer(YamlNode n) {
        Container c = container(n);
        if (n instanceof YamlMapping m && (c.image() == null || c.image().isEmpty())) {
            error(m, "Container image cannot be empty");
        }
        return c;
    }

    private static Container container(YamlNode n) {
        if (n instanceof YamlScalar s && !s.isNull()) {
            return new Container(s.text(), null, Map.of(), List.of(), List.of(), Map.of(), pos(n));
        }
        if (n instanceof YamlMapping m) {
            return new Container(text(m, "image"), text(m, "options"), Nodes.stringMap(get(m, "env")),
                    Nodes.strings(get(m, "ports")), Nodes.strings(get(m, "volumes")),
                    Nodes.stringMap(get(m, "credentials")), pos(n));
        }
        return null;
    }

    private Strategy strategy(YamlNode n) {
        YamlMapping m = map(n);
        if (m == null) {
            return null;
        }
        YamlNode matrixNode = get(m, "matrix");
        Object matrix = null;
        if (matrixNode instanceof YamlScalar s && !s.isNull()) {
            matrix = s.text();
        } else if (matrixNode instanceof YamlMapping mm) {
            checkMatrix(mm);
            matrix = Nodes.data(mm);
        }
        return new Strategy(matrix, Nodes.literalOrExpression(get(m, "fail-fast")),
                Nodes.literalOrExpression(get(m, "max-parallel")), pos(n));
    }

    /** Empty vectors, a matrix with nothing to expand, and exclude keys that name no vector. */
    private void checkMatrix(YamlMapping matrix) {
        Set<String> vectors = new HashSet<>();
        boolean include = false;
        boolean expressionKey = false;
        for (YamlMapping.Entry e : matrix.entries()) {
            String key = e.key().text();
            if (ScalarTemplate.mayHaveExpressions(key)) {
                expressionKey = true;
            } else if (key.equals("include")) {
                include = true;
            } else if (!key.equals("exclude")) {
                vectors.add(key);
                if (e.value() instanceof YamlSequence seq && seq.items().isEmpty()) {
                    error(seq, "Matrix vector '" + key + "' does not contain any values");
                }
            }
        }
        if (vectors.isEmpty() && !include && !expressionKey) {
            error(matrix, "Matrix must define at least one vector");
        }
        if (!expressionKey && matrix.get("exclude") instanceof YamlSequence exclude) {
            for (YamlNode item : exclude.items()) {
                if (item instanceof YamlMapping m) {
                    for (YamlMapping.Entry e : m.entries()) {
                        String key = e.key().text();
                        if (!vectors.contains(key) && !ScalarTemplate.mayHaveExpressions(key)) {
                            error(e.key(), "Matrix exclude key '" + key + "' does not match any key within the matrix");
                        }
                    }
                }
            }
        }
    }

    // ---- steps ------------------------------------------------------------------------------------

    private List<Step> steps(YamlNode n) {
        Set<String> ids = new HashSet<>();
        List<YamlScalar> targets = new ArrayList<>();
        List<Step> steps = steps(n, ids, targets, 0);
        for (YamlScalar t : targets) {
            String bad = Identifiers.check(t.text());
            if (t.text().startsWith("__")) {
                error(t, "The identifier '" + t.text() + "' is invalid. IDs starting with '__' are reserved.");
            } else if (bad == null && !ids.contains(t.text().toUpperCase(Locale.ROOT))) {
                error(t, "Step references unknown step ID '" + t.text() + "'");
            }
        }
        return steps;
    }

    private List<Step> steps(YamlNode n, Set<String> ids, List<YamlScalar> targets, int depth) {
        List<Step> steps = new ArrayList<>();
        if (!(n instanceof YamlSequence seq)) {
            return steps;
        }
        for (YamlNode item : seq.items()) {
            YamlMapping s = map(item);
            if (s == null) {
                continue;
            }
            YamlNode idNode = get(s, "id");
            String id = text(idNode);
            if (id != null && !ScalarTemplate.mayHaveExpressions(id)) {
                String bad = Identifiers.check(id);
                if (bad != null) {
                    error(idNode, bad);
                } else if (!ids.add(id.toUpperCase(Locale.ROOT))) {
                    error(idNode, "The identifier '" + id + "' may not be used more than once within the same scope.");
                }
            }
            String name = text(s, "name");
            Object continueOnError = Nodes.literalOrExpression(get(s, "continue-on-error"));
            YamlNode parallel = get(s, "parallel");
            if (parallel != null) {
                if (depth > 0) {
                    error(s, "Nested 'parallel' blocks are not allowed.");
                }
                steps.add(new ParallelStep(steps(parallel, ids, targets, depth + 1), pos(item)));
                continue;
            }
            ControlStep.Kind control = s.get("wait") != null ? ControlStep.Kind.WAIT
                    : s.get("wait-all") != null ? ControlStep.Kind.WAIT_ALL
                    : s.get("cancel") != null ? ControlStep.Kind.CANCEL : null;
            if (control != null) {
                String key = switch (control) {
                    case WAIT -> "wait";
                    case WAIT_ALL -> "wait-all";
                    case CANCEL -> "cancel";
                };
                if (depth > 0) {
                    error(s, "'" + key + "' is not allowed inside a parallel block.");
                }
                YamlNode value = s.get(key);
                List<String> names = new ArrayList<>();
                if (control == ControlStep.Kind.WAIT_ALL) {
                    if (value instanceof YamlScalar v && v.type() == ScalarType.BOOL
                            && !v.asBoolean()) {
                        error(value, "The value of 'wait-all' must be true or omitted");
                    }
                } else {
                    for (YamlScalar t : scalars(value)) {
                        if (id != null && t.text().equals(id)) {
                            error(t, "Step '" + id + "' cannot reference itself");
                        } else {
                            targets.add(t);
                        }
                        names.add(t.text());
                    }
                }
                steps.add(new ControlStep(id, name, control, names, continueOnError, pos(item)));
                continue;
            }
            String condition = condition(get(s, "if"), stepIf);
            Map<String, String> env = Nodes.stringMap(get(s, "env"));
            Object timeout = Nodes.literalOrExpression(get(s, "timeout-minutes"));
            YamlNode bg = get(s, "background");
            boolean background = depth > 0
                    || bg instanceof YamlScalar b && b.type() == ScalarType.BOOL && b.asBoolean();
            if (depth > 0 && bg != null) {
                error(s, "'background' is not allowed inside a parallel block. Steps in a parallel block are "
                        + "automatically run as background steps.");
            }
            YamlNode run = get(s, "run");
            YamlNode uses = get(s, "uses");
            if (run != null) {
                steps.add(new RunStep(id, name, condition, text(run) == null ? "" : text(run), text(s, "shell"),
                        text(s, "working-directory"), env, continueOnError, timeout, pos(item), background));
            } else if (uses != null) {
                String u = text(uses);
                if (u != null && !ScalarTemplate.mayHaveExpressions(u) && !validUses(u)) {
                    error(uses, "Expected format {org}/{repo}[/path]@ref. Actual '" + u + "'");
                }
                steps.add(new UsesStep(id, name, condition, u, Nodes.stringMap(get(s, "with")), env, continueOnError,
                        timeout, pos(item), background));
            }
        }
        return steps;
    }

    private static List<YamlScalar> scalars(YamlNode n) {
        List<YamlScalar> out = new ArrayList<>();
        if (n instanceof YamlScalar s && !s.isNull()) {
            out.add(s);
        } else if (n instanceof YamlSequence seq) {
            for (YamlNode i : seq.items()) {
                if (i instanceof YamlScalar s && !s.isNull()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    /** {@code docker://image}, {@code ./local/path}, or {@code owner/repo[/path]@ref}. */
    static boolean validUses(String u) {
        if (u.startsWith("docker://") || u.startsWith("./") || u.startsWith(".\\")) {
            return true;
        }
        int at = u.lastIndexOf('@');
        if (at <= 0 || at == u.length() - 1) {
            return false;
        }
        String path = u.substring(0, at);
        int slash = path.indexOf('/');
        return slash > 0 && slash < path.length() - 1 && path.charAt(slash + 1) != '/';
    }
}
