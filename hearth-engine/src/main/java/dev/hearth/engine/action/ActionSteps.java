package dev.hearth.engine.action;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionManifest;
import dev.hearth.actions.ResolvedAction;
import dev.hearth.actions.builtin.BuiltinAction;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepIds;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.workflow.build.Conditions;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.StepNames;
import dev.hearth.workflow.model.UsesStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The {@code uses:} steps of one job. Before the job's first step, {@link #prepare} resolves its remote
 * actions (GitHub's "Set up job" downloads them all first) and {@link #runPre} runs their {@code pre}
 * parts; {@link #run} runs one action step, routing it to a built-in, a composite, a JavaScript or a
 * Docker action, or to the LLM translation when the action cannot be obtained or run here;
 * {@link #runPost} runs the {@code post} parts the job's action steps registered, last first.
 */
public final class ActionSteps {
    /** GitHub's runner refuses composite actions nested deeper ({@code CompositeActionsMaxDepth}). */
    static final int MAX_DEPTH = 9;

    private final StepHost host;
    private final ActionSetup setup;
    private final Map<UsesStep, Resolution> prepared = new IdentityHashMap<>();
    private final Map<UsesStep, Map<String, String>> preState = new IdentityHashMap<>();
    /** Steps of the job whose post part is registered already (by their pre part). */
    private final Set<UsesStep> withPost = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Part> pre = new ArrayList<>();
    private final List<Part> post = new ArrayList<>();

    public ActionSteps(StepHost host) {
        this.host = host;
        this.setup = host.setup();
    }

    /** What resolving gave: the action, or why there is none. */
    private record Resolution(ResolvedAction action, ActionException error) {
    }

    /**
     * A part of an action the job shows as a step of its own: a {@code pre} before the job's steps, a
     * {@code post} after them.
     *
     * @param id        the id of the step it belongs to (GITHUB_ACTION)
     * @param name      what the job shows, {@code Pre …} or {@code Post …}
     * @param condition {@code pre-if} / {@code post-if}, as GitHub evaluates it
     * @param work      what it does
     */
    record Part(String id, String name, String condition, Work work) {
    }

    /** The work of a {@link Part}. */
    interface Work {
        ProcessOutcome run(StepKey key) throws InterruptedException;
    }

    // ---- set-up and pre ------------------------------------------------------------------------

    /** Resolves the remote actions of the job's steps, logging where each came from, and registers their {@code pre} parts. */
    public void prepare(List<Step> steps) {
        StepLog log = host.log(null);
        StepIds ids = new StepIds();
        Scope scope = host.scope();
        Map<String, Resolution> byUses = new java.util.HashMap<>();
        for (Step step : steps) {
            String id = ids.next(step);
            if (!(step instanceof UsesStep u) || u.background()) {
                continue;
            }
            UsesRef ref = UsesRef.parse(u.uses());
            if (ref.kind() != UsesRef.Kind.REMOTE || setup.builtins().find(ref.ownerRepoPath()).isPresent()) {
                continue;
            }
            Resolution r = byUses.get(u.uses());
            if (r == null) {
                r = resolveRemote(ref, log);
                byUses.put(u.uses(), r);
            }
            prepared.put(u, r);
            if (r.action() != null && r.action().manifest().runs() instanceof ActionManifest.Node node
                    && node.pre() != null) {
                String name = "Pre " + displayName(scope, u);
                Map<String, String> state = new LinkedHashMap<>();
                preState.put(u, state);
                ResolvedAction action = r.action();
                pre.add(new Part(id, name, condition(node.preIf()),
                        key -> runNodePart(key, u, ref, action, node, node.pre(), state)));
            }
        }
    }

    /** Runs the {@code pre} parts in the order of their steps; returns how many steps it showed. */
    public int runPre(int firstNumber, Consumer<StepResult> record) throws InterruptedException {
        return runParts(pre, firstNumber, null, record);
    }

    /**
     * Runs the registered {@code post} parts, the last registered first; returns how many steps it showed.
     *
     * @param skip why none may run (the job timed out), or null
     */
    public int runPost(int firstNumber, String skip, Consumer<StepResult> record) throws InterruptedException {
        return runParts(post.reversed(), firstNumber, skip, record);
    }

    private int runParts(List<Part> parts, int firstNumber, String skip, Consumer<StepResult> record)
            throws InterruptedException {
        int n = firstNumber;
        for (Part part : List.copyOf(parts)) {
            StepKey key = new StepKey(n++, part.id(), part.name());
            if (skip != null || host.cancellation().isKilled()) {
                record.accept(StepResult.skipped(key, skip != null ? skip : "The run was stopped."));
                continue;
            }
            boolean go;
            try {
                go = host.scope().condition(part.condition());
            } catch (Scope.EvaluationException e) {
                host.log(key).error(e.getMessage());
                record.accept(new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null, Duration.ZERO, Map.of(),
                        e.getMessage()));
                continue;
            }
            if (!go) {
                record.accept(StepResult.skipped(key, "Its condition is false: " + part.condition()));
                continue;
            }
            host.stepStarted(key);
            Instant start = Instant.now();
            ProcessOutcome o = part.work().run(key);
            record.accept(new StepResult(key, o.outcome(), o.outcome(), o.exitCode(),
                    Duration.between(start, Instant.now()), masked(o.outputs()), o.message()));
        }
        return n - firstNumber;
    }

    /** Registers a part to run after the job's steps. */
    void registerPost(Part part) {
        post.add(part);
    }

    // ---- main --------------------------------------------------------------------------------

    /** Runs an action step (of the job, or inside a composite action) to its end; never throws for what the step does. */
    public StepOutcome run(ActionCall call) throws InterruptedException {
        Instant start = Instant.now();
        StepLog log = host.log(call.key());
        UsesStep u = call.step();
        ProcessOutcome o;
        boolean continueOnError = false;
        try {
            Map<String, String> ownEnv = call.scope().texts(u.env());
            Map<String, String> envContext = merged(call.baseEnv(), ownEnv);
            Scope scope = call.scope().with("env", envContext);
            continueOnError = Minutes.truthy(scope, u.continueOnError());
            double minutes = Minutes.of(scope, u.timeoutMinutes());
            Invocation inv = new Invocation(call, UsesRef.parse(u.uses()), scope, ownEnv, envContext, minutes,
                    call.deadline(), log);
            o = main(inv, start);
        } catch (Scope.EvaluationException | IllegalArgumentException e) {
            log.error(e.getMessage());
            o = ProcessOutcome.failure(e.getMessage());
        }
        Conclusion conclusion = o.outcome() == Conclusion.FAILURE && continueOnError ? Conclusion.SUCCESS : o.outcome();
        StepResult result = new StepResult(call.key(), o.outcome(), conclusion, o.exitCode(),
                Duration.between(start, Instant.now()), masked(o.outputs()), o.message());
        return new StepOutcome(result, o.outputs());
    }

    private ProcessOutcome main(Invocation inv, Instant start) throws InterruptedException {
        UsesRef ref = inv.ref();
        if (ref.kind() == UsesRef.Kind.REMOTE) {
            var builtin = setup.builtins().find(ref.ownerRepoPath());
            if (builtin.isPresent()) {
                return runBuiltin(inv, builtin.get());
            }
        }
        Map<String, String> given = ActionInputs.given(inv.call().step().with(), inv.scope());
        if (ref.kind() == UsesRef.Kind.DOCKER) {
            return new DockerRun(host, this).image(inv, given);
        }
        Resolution r = resolve(inv);
        if (r.error() != null) {
            return fallback(inv, null, given, r.error().kind(), r.error().getMessage());
        }
        ResolvedAction action = r.action();
        ActionManifest.Runs runs = action.manifest().runs();
        Map<String, String> inputs = ActionInputs.resolve(given, action.manifest(),
                runs instanceof ActionManifest.Docker, inv.scope(), inv.log());
        try {
            return switch (runs) {
                case ActionManifest.Composite c -> new CompositeRun(host, this).run(inv, action, c,
                        ActionFiles.place(action, ref, host.sandbox(), host.paths().workspace()), inputs, start);
                case ActionManifest.Node n -> runNode(inv, action, n, inputs);
                case ActionManifest.Docker d -> new DockerRun(host, this).action(inv, action, d, inputs);
            };
        } catch (CannotRun e) {
            return fallback(inv, action, given, ActionException.Kind.CANNOT_RUN, e.getMessage());
        } catch (SandboxException e) {
            String message = "Can't copy the action '" + inv.uses() + "' into the sandbox: " + e.getMessage();
            inv.log().error(message);
            return ProcessOutcome.failure(message);
        }
    }

    /** The step's action: resolved at set-up (remote steps of the job) or now (local, and steps of composite actions). */
    private Resolution resolve(Invocation inv) {
        Resolution known = inv.call().depth() == 0 ? prepared.get(inv.call().step()) : null;
        if (known != null) {
            return known;
        }
        UsesRef ref = inv.ref();
        if (ref.kind() == UsesRef.Kind.REMOTE) {
            return resolveRemote(ref, inv.log());
        }
        try {
            ResolvedAction a = ActionFiles.resolveLocal(setup.resolver(), ref, host.sandbox(), host.paths().workspace());
            inv.log().debug("Local action " + ref.uses() + " (" + a.manifest().file() + ", runs.using: "
                    + a.manifest().runs().using() + ")");
            return new Resolution(a, null);
        } catch (ActionException e) {
            return new Resolution(null, e);
        } catch (RuntimeException e) {
            return new Resolution(null, internalError(ref, e));
        }
    }

    /** A fault of the resolver itself: the step fails with it, and no LLM is asked to cover it up. */
    private static ActionException internalError(UsesRef ref, RuntimeException e) {
        return new ActionException(ActionException.Kind.INVALID,
                "Internal error while resolving '" + ref.uses() + "': " + e, e);
    }

    private Resolution resolveRemote(UsesRef ref, StepLog log) {
        try {
            ResolvedAction a = setup.resolver().resolve(ref.uses(), java.nio.file.Path.of(host.paths().workspace()));
            log.output(switch (a.source()) {
                case FETCHED -> "Download action repository '" + ref.uses() + "' (SHA:" + a.sha() + ")";
                case CACHE -> "Download action repository '" + ref.uses() + "' (SHA:" + a.sha()
                        + ") from Hearth's action cache";
                case MIRROR -> "Use action repository '" + ref.uses() + "'"
                        + (a.sha() == null ? "" : " (SHA:" + a.sha() + ")") + " from the actions mirror";
                case LOCAL -> "Use action '" + ref.uses() + "' from the workspace";
                case IMAGE -> "Use image '" + ref.uses() + "'";
            });
            return new Resolution(a, null);
        } catch (ActionException e) {
            return new Resolution(null, e);
        } catch (RuntimeException e) {
            return new Resolution(null, internalError(ref, e));
        }
    }

    // ---- JavaScript ----------------------------------------------------------------------------

    private ProcessOutcome runNode(Invocation inv, ResolvedAction action, ActionManifest.Node node,
                                   Map<String, String> inputs) throws CannotRun, SandboxException, InterruptedException {
        NodeRuntime runtime = NodeRuntime.find(host, inv.envContext(), node.using(), inv.uses());
        String mismatch = runtime.mismatch(node.using(), inv.uses());
        if (mismatch != null) {
            inv.log().warning(mismatch);
        }
        if (node.pre() != null && inv.ref().kind() == UsesRef.Kind.LOCAL) {
            // GitHub reads a local action only when its step runs, after the job's pre parts.
            inv.log().warning("`pre` execution is not supported for local action from '" + inv.ref().path() + "'");
        }
        String dir = ActionFiles.place(action, inv.ref(), host.sandbox(), host.paths().workspace());
        Map<String, String> state = inv.call().depth() == 0
                ? preState.getOrDefault(inv.call().step(), new LinkedHashMap<>()) : new LinkedHashMap<>();
        ProcessOutcome o = NodeRun.run(host, inv.key(), node.main(), dir, inputs, state, inv.envContext(),
                actionEnv(inv.ref(), action, dir), inv.minutes(), inv.deadline());
        state.putAll(o.state());
        boolean registered = inv.call().depth() == 0 && withPost.contains(inv.call().step());
        if (node.post() != null && !registered) {
            registerPost(new Part(inv.key().id(), "Post " + inv.key().name(), condition(node.postIf()),
                    key -> NodeRun.run(host, key, node.post(), dir, inputs, state,
                            merged(host.globalEnv(), inv.ownEnv()), actionEnv(inv.ref(), action, dir), 0, null)));
        }
        return o;
    }

    /** A pre part: the action is already resolved; its folder is placed when the part runs. */
    private ProcessOutcome runNodePart(StepKey key, UsesStep u, UsesRef ref, ResolvedAction action,
                                       ActionManifest.Node node, String script, Map<String, String> state)
            throws InterruptedException {
        StepLog log = host.log(key);
        try {
            Scope scope = host.scope();
            Map<String, String> ownEnv = scope.texts(u.env());
            Map<String, String> envContext = merged(host.globalEnv(), ownEnv);
            scope = scope.with("env", envContext);
            Map<String, String> inputs = ActionInputs.resolve(ActionInputs.given(u.with(), scope), action.manifest(),
                    false, scope, StepLog.NONE);
            NodeRuntime.find(host, envContext, node.using(), u.uses());
            String dir = ActionFiles.place(action, ref, host.sandbox(), host.paths().workspace());
            ProcessOutcome o = NodeRun.run(host, key, script, dir, inputs, state, envContext,
                    actionEnv(ref, action, dir), 0, null);
            state.putAll(o.state());
            if (node.post() != null) {
                // As on GitHub, a pre part that ran registers the post part, which then runs even when
                // the main part is skipped.
                withPost.add(u);
                registerPost(new Part(key.id(), "Post " + key.name().substring("Pre ".length()),
                        condition(node.postIf()), postKey -> NodeRun.run(host, postKey, node.post(), dir, inputs,
                        state, merged(host.globalEnv(), ownEnv), actionEnv(ref, action, dir), 0, null)));
            }
            return o;
        } catch (CannotRun | SandboxException | Scope.EvaluationException | IllegalArgumentException e) {
            log.error(e.getMessage());
            return ProcessOutcome.failure(e.getMessage());
        }
    }

    // ---- built-in ------------------------------------------------------------------------------

    private ProcessOutcome runBuiltin(Invocation inv, BuiltinAction action) throws InterruptedException {
        return new BuiltinRun(host, this).run(inv, action);
    }

    // ---- LLM -----------------------------------------------------------------------------------

    /**
     * The last resort: when the action cannot be obtained or run here and a translator is configured,
     * the step runs as the bash script it writes; otherwise the step fails with the reason.
     */
    ProcessOutcome fallback(Invocation inv, ResolvedAction action, Map<String, String> given,
                            ActionException.Kind kind, String reason) throws InterruptedException {
        boolean allowed = kind == ActionException.Kind.UNAVAILABLE || kind == ActionException.Kind.CANNOT_RUN;
        if (allowed && setup.translator() != null) {
            return new TranslatedRun(host, setup.translator()).run(inv, action, given, reason);
        }
        inv.log().error(reason);
        return ProcessOutcome.failure(reason);
    }

    // ---- shared --------------------------------------------------------------------------------

    /** GITHUB_ACTION_PATH, and for a remote action GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF. */
    static Map<String, String> actionEnv(UsesRef ref, ResolvedAction action, String dir) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GITHUB_ACTION_PATH", dir);
        boolean remote = ref.kind() == UsesRef.Kind.REMOTE;
        env.put("GITHUB_ACTION_REPOSITORY", remote ? ref.owner() + "/" + ref.repo() : "");
        env.put("GITHUB_ACTION_REF", remote && ref.ref() != null ? ref.ref() : "");
        return env;
    }

    /** GitHub's condition for a {@code pre-if} / {@code post-if}: {@code always()} when missing. */
    static String condition(String written) {
        if (written == null || written.isBlank()) {
            return "always()";
        }
        String s = written.strip();
        if (s.startsWith("${{") && s.endsWith("}}")) {
            s = s.substring(3, s.length() - 2).strip();
        }
        return Conditions.finish(s);
    }

    static Map<String, String> merged(Map<String, String> base, Map<String, String> over) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.putAll(over);
        return m;
    }

    static String displayName(Scope scope, Step step) {
        if (step.name() != null) {
            try {
                return scope.text(step.name());
            } catch (Scope.EvaluationException e) {
                return step.name();
            }
        }
        return StepNames.defaultName(step);
    }

    private Map<String, String> masked(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, host.mask(v)));
        return out;
    }
}
