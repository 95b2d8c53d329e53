package dev.hearth.engine.job;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.commands.FileCommands;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepPaths;
import dev.hearth.expressions.BuiltinFunction;
import dev.hearth.expressions.Expression;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.workflow.model.Defaults;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
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
            continueOnError = truthy(s.scope, leg.job().continueOnError());
            s.timeoutMinutes = minutes(s.scope, leg.job().timeoutMinutes(), DEFAULT_JOB_TIMEOUT_MINUTES);
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
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            Scope scope = s.scope.with("steps", s.steps).with("env", env(s, Map.of()))
                    .with("job", Map.of("status", jobStatus(s)));
            StepKey key = new StepKey(i + 1, s.ids.next(step), displayName(scope, step));
            if (s.timedOut || s.cancellation.isKilled()) {
                record(s, step, skipped(key, s.timedOut ? "The job timed out." : "The run was stopped."));
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
                record(s, step, skipped(key, "Its condition is false: " + step.condition()));
                continue;
            }
            run.listener().stepStarted(s.leg.key(), key);
            if (step instanceof RunStep r && !r.background()) {
                Map<String, String> raw = new LinkedHashMap<>();
                StepResult result = runScript(s, key, r, scope, raw);
                record(s, step, result, raw);
                continue;
            }
            StepResult result = switch (step) {
                case UsesStep u when !u.background() -> notYet(s, key, "uses: " + u.uses()
                        + " is not yet supported: this version of Hearth runs only run: steps");
                default -> notYet(s, key, "background steps and their controls are not yet supported");
            };
            record(s, step, result);
        }
    }

    private StepResult runScript(JobState s, StepKey key, RunStep step, Scope scope, Map<String, String> rawOutputs)
            throws InterruptedException {
        Instant start = Instant.now();
        JobLog.StepLog log = s.log.step(key);
        try {
            Map<String, String> stepEnv = scope.texts(step.env());
            Map<String, String> envContext = env(s, stepEnv);
            Scope stepScope = scope.with("env", envContext);
            boolean continueOnError = truthy(stepScope, step.continueOnError());
            double stepMinutes = minutes(stepScope, step.timeoutMinutes(), 0);
            String script = stepScope.text(step.run());
            Defaults jobDefaults = s.leg.job().defaults();
            Defaults wfDefaults = run.request().workflow().defaults();
            String shell = firstNonNull(step.shell(), jobDefaults == null ? null : jobDefaults.shell(),
                    wfDefaults == null ? null : wfDefaults.shell());
            String workingDirectory = firstNonNull(step.workingDirectory(),
                    jobDefaults == null ? null : jobDefaults.workingDirectory(),
                    wfDefaults == null ? null : wfDefaults.workingDirectory());
            shell = stepScope.text(shell);
            workingDirectory = stepScope.text(workingDirectory);
            StepExecution execution = new StepExecution(run, s.sandbox, tools(s.sandbox), s.paths, log,
                    s.cancellation);
            Limit limit = limit(s, stepMinutes);
            Map<String, String> processEnv = processEnv(s, key, envContext, execution.files());
            StepExecution.Result r = execution.run(script, shell, workingDirectory, processEnv, limit.timeout());
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
                    message = "The action '" + key.name() + "' has timed out after " + formatMinutes(stepMinutes)
                            + " minutes.";
                    log.error(message);
                }
            } else if (r.failed()) {
                outcome = Conclusion.FAILURE;
                if (message == null) {
                    message = "Process completed with exit code " + r.exitCode() + ".";
                }
                log.error(message);
            } else {
                outcome = Conclusion.SUCCESS;
            }
            Conclusion conclusion = outcome == Conclusion.FAILURE && continueOnError ? Conclusion.SUCCESS : outcome;
            rawOutputs.putAll(r.outputs());
            return new StepResult(key, outcome, conclusion, r.exitCode(), Duration.between(start, Instant.now()),
                    maskAll(r.outputs()), message);
        } catch (Scope.EvaluationException | IllegalArgumentException | SandboxException e) {
            log.error(e.getMessage());
            return new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null,
                    Duration.between(start, Instant.now()), Map.of(), e.getMessage());
        }
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

    private StepResult notYet(JobState s, StepKey key, String message) {
        s.log.step(key).error(message);
        return new StepResult(key, Conclusion.FAILURE, Conclusion.FAILURE, null, Duration.ZERO, Map.of(), message);
    }

    private static StepResult skipped(StepKey key, String why) {
        return new StepResult(key, Conclusion.SKIPPED, Conclusion.SKIPPED, null, Duration.ZERO, Map.of(), why);
    }

    /** Records a step's result: the steps context, the job's status, the listener. */
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
        if (step.id() != null) {
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
        env.putAll(run.runner().environment(files));
        env.putAll(run.github().environment(s.leg.job().id(), key.id(), files));
        if (ci != null) {
            env.put("CI", ci);
        }
        env.put("PATH", FileCommands.pathVariable(s.addedPath, env.get("PATH")));
        return env;
    }

    /**
     * How long a step may run.
     *
     * @param timeout  the step's own limit or what is left of the job's, whichever is shorter
     * @param jobBound whether it is the job's limit, so running out times out the whole job
     */
    private record Limit(Duration timeout, boolean jobBound) {
    }

    private static Limit limit(JobState s, double stepMinutes) {
        Duration left = Duration.between(Instant.now(), s.deadline);
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        if (stepMinutes > 0) {
            Duration own = Duration.ofMillis((long) (stepMinutes * 60_000));
            if (own.compareTo(left) < 0) {
                return new Limit(own, false);
            }
        }
        return new Limit(left, true);
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

    /** A Boolean, an expression string, or null (false). */
    private static boolean truthy(Scope scope, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        return Expression.isTruthy(scope.value(value.toString()));
    }

    /** A number, an expression string, or null (the default). */
    private static double minutes(Scope scope, Object value, double dflt) {
        if (value == null) {
            return dflt;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = scope.text(value.toString());
        if (text == null || text.isBlank()) {
            return dflt;
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeout-minutes must be a number, got '" + text + "'");
        }
    }

    static String formatMinutes(double minutes) {
        return minutes == Math.rint(minutes) ? Long.toString((long) minutes) : Double.toString(minutes);
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
