package dev.hearth.engine.job;

import dev.hearth.actions.builtin.BuiltinContext;
import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.action.ActionCall;
import dev.hearth.engine.action.ActionSetup;
import dev.hearth.engine.action.ActionSteps;
import dev.hearth.engine.action.Minutes;
import dev.hearth.engine.action.ProcessOutcome;
import dev.hearth.engine.action.StepDeadline;
import dev.hearth.engine.action.StepHost;
import dev.hearth.engine.action.StepLog;
import dev.hearth.engine.action.StepOutcome;
import dev.hearth.engine.commands.FileCommands;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepIds;
import dev.hearth.engine.context.StepPaths;
import dev.hearth.expressions.BuiltinFunction;
import dev.hearth.engine.step.ScriptStep;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.QueuedExecution;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.workflow.model.Defaults;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.StepNames;
import dev.hearth.workflow.model.UsesStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one job (or matrix leg) in a sandbox it is given, step after step, with GitHub's semantics for
 * {@code if:}, status functions, {@code timeout-minutes} and {@code continue-on-error}.
 */
public final class JobRunner {
    /** GitHub's default job timeout. */
    static final double DEFAULT_JOB_TIMEOUT_MINUTES = 360;
    /** How long a look at what the sandbox offers ({@code node --version}) may take. */
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** Around a process an action runs: nothing is prepared ahead of it. */
    private static final StepExecution.Around ALONE = new StepExecution.Around(running -> { }, () -> { });

    private final RunContext run;
    private final Map<Sandbox, SandboxTools> tools = new java.util.concurrent.ConcurrentHashMap<>();

    public JobRunner(RunContext run) {
        this.run = run;
    }

    /** The job's state while its steps run. */
    private final class JobState {
        final Leg leg;
        final Sandbox sandbox;
        final Cancellation cancellation;
        final JobLog log;
        final StepPaths paths;
        final List<StepResult> results = new ArrayList<>();
        final Map<String, Object> steps = new LinkedHashMap<>();
        final Map<String, String> githubEnv = new LinkedHashMap<>();
        List<String> addedPath = List.of();
        final StringBuilder summary = new StringBuilder();
        final StepIds ids = new StepIds();
        Map<String, String> jobEnv = Map.of();
        Scope scope;
        boolean failed;
        boolean timedOut;
        Instant deadline;
        double timeoutMinutes;
        /** The next step, made ready while the current one runs; null when none is. */
        Ahead ahead;
        /** How many steps the actions' {@code pre} parts took before the job's own (their numbers come first). */
        int pre;

        JobState(Leg leg, Sandbox sandbox, Cancellation cancellation, StepPaths paths) {
            this.leg = leg;
            this.sandbox = sandbox;
            this.cancellation = cancellation;
            this.paths = paths;
            this.log = new JobLog(run.listener(), run.masker(), leg.key());
        }

        boolean status(BuiltinFunction f) {
            return switch (f) {
                case ALWAYS -> true;
                case SUCCESS -> !failed && !cancellation.isCancelled();
                case FAILURE -> failed;
                case CANCELLED -> cancellation.isCancelled();
                default -> false;
            };
        }
    }

    /**
     * Runs the job to its end; never throws for what the job does.
     *
     * @param cancellation cancels this job (the run's, or its matrix's for fail-fast)
     */
    public JobResult run(Leg leg, Sandbox sandbox, Cancellation cancellation) {
        Instant start = Instant.now();
        run.listener().jobStarted(leg.key());
        StepPaths paths = JobLayout.paths(sandbox.workRoot(), leg.index(), run.repoName());
        JobState s = new JobState(leg, sandbox, cancellation, paths);
        String message = null;
        boolean continueOnError = false;
        try {
            JobLayout.prepare(sandbox, paths, run.github().eventJson());
            s.scope = run.scope()
                    .with("github", run.github().forStep(leg.job().id(), "", paths))
                    .with("runner", run.runner().values(paths))
                    .with("needs", leg.needs())
                    .with("strategy", leg.strategy())
                    .with("matrix", leg.matrix())
                    .with("job", Map.of("status", "success"))
                    .with("steps", Map.of())
                    .with("env", run.workflowEnv())
                    .withStatus(s::status)
                    .withHashFiles(new HashFiles(paths.workspace()));
            s.jobEnv = s.scope.texts(leg.job().env());
            continueOnError = Minutes.truthy(s.scope, leg.job().continueOnError());
            s.timeoutMinutes = Minutes.of(s.scope, leg.job().timeoutMinutes(), DEFAULT_JOB_TIMEOUT_MINUTES);
            s.deadline = start.plusMillis((long) (s.timeoutMinutes * 60_000));
            runSteps(s);
        } catch (Scope.EvaluationException | SandboxException e) {
            s.failed = true;
            message = e.getMessage();
            s.log.error(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.kill();
        } finally {
            if (s.ahead != null) {
                try {
                    drop(s.ahead);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                s.ahead = null;
            }
            sandbox.killProcesses();
            try {
                sandbox.delete(paths.temp()); // GitHub empties RUNNER_TEMP at the end of every job
            } catch (SandboxException e) {
                s.log.warning("Could not clean " + paths.temp() + ": " + e.getMessage());
            }
        }
        Map<String, String> outputs = s.scope == null ? Map.of() : outputs(s);
        Conclusion result;
        if (s.timedOut) {
            result = Conclusion.FAILURE;
            message = "The job has exceeded the maximum execution time of " + formatMinutes(s.timeoutMinutes) + " minutes.";
            s.log.error(message);
        } else if (cancellation.isCancelled()) {
            result = Conclusion.CANCELLED;
            message = message == null ? "The job was cancelled." : message;
        } else if (s.failed) {
            result = continueOnError ? Conclusion.SUCCESS : Conclusion.FAILURE;
            if (continueOnError) {
                message = "The job failed; continue-on-error lets the run go on.";
            }
        } else {
            result = Conclusion.SUCCESS;
        }
        JobResult jr = new JobResult(leg.key(), result, Duration.between(start, Instant.now()), outputs, s.results,
                s.log.annotations(), s.summary.toString(), message);
        run.listener().jobFinished(jr);
        return jr;
    }

    private void runSteps(JobState s) throws InterruptedException {
        List<Step> steps = s.leg.job().steps();
        ActionSteps actions = new ActionSteps(new Host(s));
        actions.prepare(steps);
        s.pre = actions.runPre(1, r -> record(s, null, r));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Ahead ahead = s.ahead;
            s.ahead = null;
            if (ahead != null && ahead.index() != i) {
                drop(ahead);
                ahead = null;
            }
            Scope scope = s.scope.with("steps", s.steps).with("env", env(s, Map.of()))
                    .with("job", Map.of("status", jobStatus(s)));
            StepKey key;
            if (ahead == null) {
                key = new StepKey(s.pre + i + 1, s.ids.next(step), displayName(scope, step));
            } else if (ahead.queued() != null && ahead.queued().awaitStart() && aheadHolds(s, ahead)) {
                run.listener().stepStarted(s.leg.key(), ahead.key());
                Map<String, String> raw = new LinkedHashMap<>();
                StepResult result = runAhead(s, (RunStep) step, ahead, raw);
                record(s, step, result, raw);
                continue;
            } else {
                drop(ahead);
                // the name was evaluated over what was foreseen; the id stays as given
                key = new StepKey(s.pre + i + 1, ahead.key().id(), displayName(scope, step));
            }
            if (s.timedOut || s.cancellation.isKilled()) {
                record(s, step, StepResult.skipped(key, s.timedOut ? "The job timed out." : "The run was stopped."));
                continue;
            }
            boolean go;
            try {
                go = scope.condition(step.condition());
            } catch (Scope.EvaluationException e) {
                s.log.step(key).error(e.getMessage());
                s.failed = true;
                record(s, step, new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null, Duration.ZERO,
                        Map.of(), e.getMessage()));
                continue;
            }
            if (!go) {
                record(s, step, StepResult.skipped(key, "Its condition is false: " + step.condition()));
                continue;
            }
            run.listener().stepStarted(s.leg.key(), key);
            if (step instanceof RunStep r && !r.background()) {
                Map<String, String> raw = new LinkedHashMap<>();
                StepResult result = runScript(s, i, key, r, scope, raw);
                record(s, step, result, raw);
                continue;
            }
            if (step instanceof UsesStep u && !u.background()) {
                StepOutcome o = actions.run(new ActionCall(key, u, scope, env(s, Map.of()), 0, null));
                record(s, step, o.result(), o.rawOutputs());
                continue;
            }
            record(s, step, notYet(s, key, "background steps and their controls are not yet supported"));
        }
        actions.runPost(s.pre + steps.size() + 1, s.timedOut ? "The job timed out." : null, r -> record(s, null, r));
    }

    /**
     * What a run step's expressions give, before it runs.
     *
     * @param envContext the env context of the step (workflow, job, GITHUB_ENV and its own env)
     */
    private record Plan(Map<String, String> envContext, boolean continueOnError, double stepMinutes, String script,
                        String shell, String workingDirectory) {
    }

    private Plan plan(JobState s, RunStep step, Scope scope) {
        Map<String, String> stepEnv = scope.texts(step.env());
        Map<String, String> envContext = env(s, stepEnv);
        Scope stepScope = scope.with("env", envContext);
        boolean continueOnError = Minutes.truthy(stepScope, step.continueOnError());
        double stepMinutes = Minutes.of(stepScope, step.timeoutMinutes(), 0);
        String script = stepScope.text(step.run());
        Defaults jobDefaults = s.leg.job().defaults();
        Defaults wfDefaults = run.request().workflow().defaults();
        String shell = firstNonNull(step.shell(), jobDefaults == null ? null : jobDefaults.shell(),
                wfDefaults == null ? null : wfDefaults.shell());
        String workingDirectory = firstNonNull(step.workingDirectory(),
                jobDefaults == null ? null : jobDefaults.workingDirectory(),
                wfDefaults == null ? null : wfDefaults.workingDirectory());
        return new Plan(envContext, continueOnError, stepMinutes, script, stepScope.text(shell),
                stepScope.text(workingDirectory));
    }

    private StepResult runScript(JobState s, int index, StepKey key, RunStep step, Scope scope,
                                 Map<String, String> rawOutputs) throws InterruptedException {
        Instant start = Instant.now();
        JobLog.StepLog log = s.log.step(key);
        try {
            Plan plan = plan(s, step, scope);
            StepExecution execution = new StepExecution(run, s.sandbox, tools(s.sandbox), s.paths, log,
                    s.cancellation);
            Limit limit = limit(s, plan.stepMinutes(), key, null);
            Map<String, String> processEnv = processEnv(s, key, plan.envContext(), execution.files());
            StepExecution.Ready ready = execution.prepare(plan.script(), plan.shell(), plan.workingDirectory(),
                    processEnv, limit.timeout());
            StepExecution.Result r = execution.run(ready, around(s, index, step, execution));
            return conclude(s, key, plan, limit, r, start, rawOutputs, log);
        } catch (Scope.EvaluationException | IllegalArgumentException | SandboxException e) {
            log.error(e.getMessage());
            return new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null,
                    Duration.between(start, Instant.now()), Map.of(), e.getMessage());
        }
    }

    /** Follows a step the sandbox started ahead, the moment the step before it ended. */
    private StepResult runAhead(JobState s, RunStep step, Ahead ahead, Map<String, String> rawOutputs)
            throws InterruptedException {
        Instant start = Instant.now();
        JobLog.StepLog log = s.log.step(ahead.key());
        Limit limit = limit(s, ahead.plan().stepMinutes(), ahead.key(), null); // which limit it is, as of its start
        try {
            StepExecution.Result r = ahead.execution().attach(ahead.ready(), ahead.watch(), ahead.sink(),
                    around(s, ahead.index(), step, ahead.execution()));
            return conclude(s, ahead.key(), ahead.plan(), limit, r, start, rawOutputs, log);
        } catch (IllegalArgumentException | SandboxException e) {
            log.error(e.getMessage());
            return new StepResult(ahead.key(), Conclusion.FAILURE, Conclusion.FAILURE, null,
                    Duration.between(start, Instant.now()), Map.of(), e.getMessage());
        }
    }

    /** Step {@code index} prepares the next one while it runs, and lets the sandbox decide on it before its files go. */
    private StepExecution.Around around(JobState s, int index, RunStep step, StepExecution execution) {
        return new StepExecution.Around(
                running -> prepareAhead(s, index + 1, step, running, execution.files()),
                () -> {
                    Ahead next = s.ahead;
                    if (next != null && next.queued() != null) {
                        next.queued().awaitStart();
                    }
                });
    }

    private StepResult conclude(JobState s, StepKey key, Plan plan, Limit limit, StepExecution.Result r, Instant start,
                                Map<String, String> rawOutputs, JobLog.StepLog log) {
        ProcessOutcome o = outcome(s, limit, r, log, true);
        Conclusion conclusion = o.outcome() == Conclusion.FAILURE && plan.continueOnError() ? Conclusion.SUCCESS
                : o.outcome();
        rawOutputs.putAll(r.outputs());
        return new StepResult(key, o.outcome(), conclusion, r.exitCode(), Duration.between(start, Instant.now()),
                maskAll(r.outputs()), o.message());
    }

    /**
     * Applies what a step's process asked of the job (GITHUB_ENV, GITHUB_PATH, summary) and says how it
     * ended, before {@code continue-on-error}.
     *
     * @param logExitCode whether a failure for the exit code alone is logged (an action reports its own)
     */
    private ProcessOutcome outcome(JobState s, Limit limit, StepExecution.Result r, JobLog.StepLog log,
                                   boolean logExitCode) {
        s.githubEnv.putAll(r.env());
        s.addedPath = FileCommands.prependPath(s.addedPath, r.path());
        appendSummary(s, r.summary());
        Conclusion outcome;
        String message = r.message();
        if (r.cancelled()) {
            outcome = Conclusion.CANCELLED;
        } else if (r.timedOut()) {
            outcome = Conclusion.FAILURE;
            if (limit.jobBound()) {
                s.timedOut = true;
                message = "The job has exceeded the maximum execution time of " + formatMinutes(s.timeoutMinutes)
                        + " minutes.";
            } else {
                message = limit.message();
                log.error(message);
            }
        } else if (r.failed()) {
            outcome = Conclusion.FAILURE;
            if (message != null) {
                log.error(message);
            } else {
                message = "Process completed with exit code " + r.exitCode() + ".";
                if (logExitCode) {
                    log.error(message);
                }
            }
        } else {
            outcome = Conclusion.SUCCESS;
        }
        return new ProcessOutcome(outcome, r.exitCode(), message, r.outputs(), r.state());
    }

    /**
     * The next step, made ready while the one before it runs, and queued in the sandbox to start the
     * moment that one ends cleanly. Only its key when it could not be queued (its id is taken in order).
     *
     * @param failedBefore the job's failure state it was foreseen with
     */
    private record Ahead(int index, StepKey key, Plan plan, StepExecution execution, StepExecution.Ready ready,
                         QueuedExecution queued, ScriptStep.Watch watch, HeldSink sink, boolean failedBefore) {
    }

    /**
     * Foresees step {@code index} as it will be if {@code current} succeeds and changes nothing (the
     * sandbox checks that: exit 0, no workflow command printed, no command file written), evaluates
     * it over that, and queues it behind {@code running}. A step whose expressions read files
     * ({@code hashFiles}) is not foreseen: the step before it may change them.
     */
    private void prepareAhead(JobState s, int index, Step current, Execution running, StepPaths currentFiles) {
        List<Step> steps = s.leg.job().steps();
        if (index >= steps.size() || !s.sandbox.queues() || s.timedOut || s.cancellation.isCancelled()
                || !(steps.get(index) instanceof RunStep next) || next.background() || readsFiles(next)) {
            return;
        }
        Map<String, Object> foreseen = s.steps;
        if (current.id() != null) {
            foreseen = new LinkedHashMap<>(s.steps);
            foreseen.put(current.id(), Map.of("outputs", Map.of(), "outcome", "success", "conclusion", "success"));
        }
        Scope scope = s.scope.with("steps", foreseen).with("env", env(s, Map.of()))
                .with("job", Map.of("status", jobStatus(s)));
        StepKey key = new StepKey(s.pre + index + 1, s.ids.next(next), displayName(scope, next));
        s.ahead = new Ahead(index, key, null, null, null, null, null, null, s.failed);
        StepExecution execution = null;
        StepExecution.Ready ready = null;
        try {
            if (!scope.condition(next.condition())) {
                return;
            }
            Plan plan = plan(s, next, scope);
            execution = new StepExecution(run, s.sandbox, tools(s.sandbox), s.paths, s.log.step(key), s.cancellation);
            Limit limit = limit(s, plan.stepMinutes(), key, null);
            ready = execution.prepare(plan.script(), plan.shell(), plan.workingDirectory(),
                    processEnv(s, key, plan.envContext(), execution.files()), limit.timeout());
            HeldSink sink = new HeldSink();
            var queued = s.sandbox.startAfter(running, List.of(currentFiles.env(), currentFiles.output(),
                    currentFiles.state(), currentFiles.path()), ready.request(), s.deadline, sink);
            if (queued.isEmpty()) {
                execution.discard(ready);
                return;
            }
            s.ahead = new Ahead(index, key, plan, execution, ready, queued.get(),
                    ScriptStep.Watch.of(queued.get(), s.cancellation), sink, s.failed);
        } catch (Scope.EvaluationException | IllegalArgumentException | SandboxException e) {
            // evaluated again in its turn, where an error is reported
            if (ready != null) {
                execution.discard(ready);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether what was foreseen came true: the step before succeeded and nothing else changed. */
    private static boolean aheadHolds(JobState s, Ahead ahead) {
        StepResult before = s.results.isEmpty() ? null : s.results.getLast();
        return before != null && before.outcome() == Conclusion.SUCCESS && s.failed == ahead.failedBefore()
                && !s.timedOut && !s.cancellation.isKilled();
    }

    /** Lets go of a step made ready ahead that does not run as foreseen; one already started is killed. */
    private static void drop(Ahead ahead) throws InterruptedException {
        if (ahead.queued() == null) {
            return;
        }
        ahead.queued().kill(); // drops it while it is queued; never waits for the step before it
        if (ahead.queued().awaitStart()) {
            ahead.queued().await();
        }
        ahead.watch().release();
        ahead.execution().discard(ahead.ready());
    }

    private static boolean readsFiles(RunStep step) {
        StringBuilder all = new StringBuilder().append(step.condition()).append(step.run()).append(step.name())
                .append(step.shell()).append(step.workingDirectory()).append(step.continueOnError())
                .append(step.timeoutMinutes());
        step.env().forEach((k, v) -> all.append(k).append(v));
        return all.toString().toLowerCase(java.util.Locale.ROOT).contains("hashfiles");
    }

    private SandboxTools tools(Sandbox sandbox) throws SandboxException, InterruptedException {
        SandboxTools known = tools.get(sandbox);
        if (known == null) {
            known = SandboxTools.probe(sandbox);
            tools.put(sandbox, known);
        }
        return known;
    }

    /** Forgets a sandbox that is gone. */
    public void forget(Sandbox sandbox) {
        tools.remove(sandbox);
    }

    /**
     * A run step an action runs (a composite action's, or an LLM's translation): its own env context and
     * extra variables, no {@code defaults.run} inside actions, nothing made ready ahead of it.
     */
    private ProcessOutcome actionScript(JobState s, StepKey key, RunStep step, Scope stepScope,
                                        Map<String, String> envContext, Map<String, String> extraEnv,
                                        boolean jobDefaults, StepDeadline outer) throws InterruptedException {
        JobLog.StepLog log = s.log.step(key);
        try {
            double stepMinutes = Minutes.of(stepScope, step.timeoutMinutes(), 0);
            Defaults jobDefault = jobDefaults ? s.leg.job().defaults() : null;
            Defaults wfDefault = jobDefaults ? run.request().workflow().defaults() : null;
            String shell = firstNonNull(step.shell(), jobDefault == null ? null : jobDefault.shell(),
                    wfDefault == null ? null : wfDefault.shell());
            String workingDirectory = firstNonNull(step.workingDirectory(),
                    jobDefault == null ? null : jobDefault.workingDirectory(),
                    wfDefault == null ? null : wfDefault.workingDirectory());
            String script = stepScope.text(step.run());
            StepExecution execution = new StepExecution(run, s.sandbox, tools(s.sandbox), s.paths, log,
                    s.cancellation);
            Limit limit = limit(s, stepMinutes, key, outer);
            Map<String, String> processEnv = processEnv(s, key, envContext, execution.files());
            processEnv.putAll(extraEnv);
            StepExecution.Ready ready = execution.prepare(script, stepScope.text(shell),
                    stepScope.text(workingDirectory), processEnv, limit.timeout());
            return outcome(s, limit, execution.run(ready, ALONE), log, true);
        } catch (Scope.EvaluationException | IllegalArgumentException | SandboxException e) {
            log.error(e.getMessage());
            return new ProcessOutcome(Conclusion.FAILURE, null, e.getMessage(), Map.of(), Map.of());
        }
    }

    /** What an action step of the job gets from it: the job's sandbox, contexts and log, and its step processes. */
    private final class Host implements StepHost {
        private final JobState s;
        private final BuiltinContext.EventSource event;

        Host(JobState s) {
            this.s = s;
            Map<String, Object> github = run.github().forStep(s.leg.job().id(), "", s.paths);
            this.event = new BuiltinContext.EventSource(run.github().repository(), (String) github.get("sha"),
                    (String) github.get("ref"), run.request().repository(),
                    run.request().secrets().getOrDefault("GITHUB_TOKEN", ""), (String) github.get("server_url"));
        }

        @Override
        public ActionSetup setup() {
            return run.request().actions();
        }

        @Override
        public Sandbox sandbox() {
            return s.sandbox;
        }

        @Override
        public StepPaths paths() {
            return s.paths;
        }

        @Override
        public Cancellation cancellation() {
            return s.cancellation;
        }

        @Override
        public Scope scope() {
            return s.scope.with("steps", s.steps).with("env", env(s, Map.of()))
                    .with("job", Map.of("status", jobStatus(s)));
        }

        @Override
        public Map<String, String> globalEnv() {
            return env(s, Map.of());
        }

        @Override
        public Map<String, Object> github(String stepId) {
            return new LinkedHashMap<>(run.github().forStep(s.leg.job().id(), stepId, s.paths));
        }

        @Override
        public Map<String, String> secrets() {
            return run.request().secrets();
        }

        @Override
        public String mask(String text) {
            return run.masker().mask(text);
        }

        @Override
        public BuiltinContext.EventSource event() {
            return event;
        }

        @Override
        public StepLog log(StepKey key) {
            return s.log.step(key);
        }

        @Override
        public void stepStarted(StepKey key) {
            run.listener().stepStarted(s.leg.key(), key);
        }

        @Override
        public ProcessOutcome runScript(StepKey key, RunStep step, Scope scope, Map<String, String> envContext,
                                        Map<String, String> extraEnv, boolean jobDefaults, StepDeadline deadline)
                throws InterruptedException {
            return actionScript(s, key, step, scope, envContext, extraEnv, jobDefaults, deadline);
        }

        @Override
        public ProcessOutcome runProgram(StepKey key, List<String> argv, Map<String, String> envContext,
                                         Map<String, String> extraEnv, double minutes, StepDeadline deadline)
                throws InterruptedException {
            JobLog.StepLog log = s.log.step(key);
            try {
                StepExecution execution = new StepExecution(run, s.sandbox, tools(s.sandbox), s.paths, log,
                        s.cancellation);
                Limit limit = limit(s, minutes, key, deadline);
                Map<String, String> processEnv = processEnv(s, key, envContext, execution.files());
                processEnv.putAll(extraEnv);
                StepExecution.Ready ready = execution.prepareProgram(argv, processEnv, limit.timeout());
                // An action reports its failure itself (core.setFailed); its exit code adds nothing to the log.
                return outcome(s, limit, execution.run(ready, ALONE), log, false);
            } catch (SandboxException e) {
                log.error(e.getMessage());
                return new ProcessOutcome(Conclusion.FAILURE, null, e.getMessage(), Map.of(), Map.of());
            }
        }

        @Override
        public Probe probe(List<String> argv, Map<String, String> envContext) throws InterruptedException {
            CollectedOutput sink = new CollectedOutput();
            try {
                Map<String, String> env = processEnv(s, new StepKey(0, "", ""), envContext, s.paths);
                ExitStatus status = s.sandbox.exec(new ExecRequest(argv, env, s.paths.workspace(), PROBE_TIMEOUT), sink);
                return new Probe(status.success() ? 0 : status.code() != 0 ? status.code() : -1, sink.text(),
                        sink.errorText());
            } catch (SandboxException e) {
                return new Probe(-1, "", e.getMessage());
            }
        }
    }

    private StepResult notYet(JobState s, StepKey key, String message) {
        s.log.step(key).error(message);
        return new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null, Duration.ZERO, Map.of(), message);
    }

    /**
     * Records a step's result: the steps context, the job's status, the listener. An action's pre or
     * post part has no step of its own (null) and no place in the steps context.
     */
    private void record(JobState s, Step step, StepResult result) {
        record(s, step, result, result.outputs());
    }

    /**
     * @param rawOutputs the outputs unmasked: expressions of later steps see the real values, only what
     *                   is shown or stored is masked
     */
    private void record(JobState s, Step step, StepResult result, Map<String, String> rawOutputs) {
        if (result.conclusion() == Conclusion.FAILURE) {
            s.failed = true;
        }
        if (step != null && step.id() != null) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("outputs", rawOutputs);
            entry.put("outcome", result.outcome().word());
            entry.put("conclusion", result.conclusion().word());
            s.steps.put(step.id(), entry);
        }
        s.results.add(result);
        run.listener().stepFinished(s.leg.key(), result);
    }

    /** The env context: workflow < job < GITHUB_ENV < step. */
    private Map<String, String> env(JobState s, Map<String, String> stepEnv) {
        Map<String, String> env = new LinkedHashMap<>(run.workflowEnv());
        env.putAll(s.jobEnv);
        env.putAll(s.githubEnv);
        env.putAll(stepEnv);
        return env;
    }

    /** What the step's process sees: a base, the env context, then GitHub's own variables on top. */
    private Map<String, String> processEnv(JobState s, StepKey key, Map<String, String> envContext, StepPaths files) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", JobLayout.BASE_PATH);
        env.put("HOME", files.home());
        env.put("LANG", "C.UTF-8");
        env.putAll(envContext);
        String ci = env.get("CI");
        run.runner().putEnvironment(env, files);
        run.github().putEnvironment(env, s.leg.job().id(), key.id(), files);
        if (ci != null) {
            env.put("CI", ci);
        }
        env.put("PATH", FileCommands.pathVariable(s.addedPath, env.get("PATH")));
        return env;
    }

    /**
     * How long a step may run.
     *
     * @param timeout  the step's own limit, that of a step around it (a composite action's) or what is
     *                 left of the job's, whichever is shortest
     * @param jobBound whether it is the job's limit, so running out times out the whole job
     * @param message  what to say when a limit that is not the job's runs out
     */
    private record Limit(Duration timeout, boolean jobBound, String message) {
    }

    private static Limit limit(JobState s, double stepMinutes, StepKey key, StepDeadline outer) {
        Instant now = Instant.now();
        Limit limit = new Limit(nonNegative(Duration.between(now, s.deadline)), true, null);
        if (stepMinutes > 0) {
            Duration own = Duration.ofMillis((long) (stepMinutes * 60_000));
            if (own.compareTo(limit.timeout()) < 0) {
                limit = new Limit(own, false, "The action '" + key.name() + "' has timed out after "
                        + formatMinutes(stepMinutes) + " minutes.");
            }
        }
        if (outer != null) {
            Duration left = nonNegative(Duration.between(now, outer.at()));
            if (left.compareTo(limit.timeout()) < 0) {
                limit = new Limit(left, false, outer.message());
            }
        }
        return limit;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void appendSummary(JobState s, String summary) {
        if (summary == null || summary.isEmpty()) {
            return;
        }
        if (!s.summary.isEmpty() && s.summary.charAt(s.summary.length() - 1) != '\n') {
            s.summary.append('\n');
        }
        s.summary.append(run.masker().mask(summary));
    }

    /** The job's outputs; a value that would show a secret is left out, as GitHub does. */
    private Map<String, String> outputs(JobState s) {
        Map<String, String> out = new LinkedHashMap<>();
        Scope scope = s.scope.with("steps", s.steps).with("env", env(s, Map.of()));
        for (Map.Entry<String, String> e : s.leg.job().outputs().entrySet()) {
            try {
                String value = scope.text(e.getValue());
                if (value == null) {
                    value = "";
                }
                if (!run.masker().mask(value).equals(value)) {
                    s.log.warning("Skip output '" + e.getKey() + "' since it may contain secret.");
                    continue;
                }
                out.put(e.getKey(), value);
            } catch (Scope.EvaluationException ex) {
                s.log.error("Output '" + e.getKey() + "': " + ex.getMessage());
            }
        }
        return out;
    }

    private Map<String, String> maskAll(Map<String, String> values) {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, run.masker().mask(v)));
        return out;
    }

    private static String jobStatus(JobState s) {
        return s.cancellation.isCancelled() ? "cancelled" : s.failed ? "failure" : "success";
    }

    /** GitHub's name for the step, with expressions in {@code name:} evaluated. */
    private static String displayName(Scope scope, Step step) {
        String name = step.name();
        if (name != null) {
            try {
                return scope.text(name);
            } catch (Scope.EvaluationException e) {
                return name;
            }
        }
        return StepNames.defaultName(step);
    }

    static String formatMinutes(double minutes) {
        return Minutes.format(minutes);
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
