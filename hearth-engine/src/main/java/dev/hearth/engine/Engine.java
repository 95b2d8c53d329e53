package dev.hearth.engine;

import dev.hearth.engine.commands.Annotation;
import dev.hearth.engine.context.GithubContext;
import dev.hearth.engine.context.RepositoryInfo;
import dev.hearth.engine.context.RunnerContext;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.context.StepPaths;
import dev.hearth.engine.job.RunContext;
import dev.hearth.engine.mask.SecretMasker;
import dev.hearth.engine.schedule.RunScheduler;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.model.WorkflowInput;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs workflows. One engine serves many runs; it keeps no state between them.
 */
public final class Engine {
    private final RunnerContext runner;

    public Engine() {
        this(RunnerContext.local(false));
    }

    public Engine(RunnerContext runner) {
        this.runner = runner;
    }

    /**
     * Runs a workflow to its end. Never throws for what the workflow does; sandboxes are destroyed
     * before it returns, however the run ended.
     *
     * @param request      what to run and where
     * @param listener     hears the run as it happens
     * @param cancellation lets another thread cancel or kill the run
     */
    public RunResult run(RunRequest request, RunListener listener, Cancellation cancellation) {
        Instant started = Instant.now();
        SecretMasker masker = new SecretMasker();
        masker.addAll(request.secrets().values());
        Workflow workflow = request.workflow();
        RepositoryInfo repo = RepositoryInfo.read(request.repository());
        String workflowPath = workflowPath(request);
        String workflowName = workflow.name() != null && !workflow.name().isBlank() ? workflow.name() : workflowPath;
        String token = request.secrets().getOrDefault("GITHUB_TOKEN", "");
        GithubContext github = GithubContext.of(request.eventName(), request.eventPayload(), repo, workflowName,
                workflowPath, request.runId(), request.runNumber(), request.actor(), token);
        StepPaths none = new StepPaths("", "", "", "", "", "", "", "", "", "");
        Scope scope;
        Map<String, String> workflowEnv;
        try {
            scope = Scope.empty()
                    .with("github", github.forStep("", "", none))
                    .with("vars", request.vars())
                    .with("secrets", secrets(request))
                    .with("inputs", inputs(workflow, request.inputs()));
            workflowEnv = scope.texts(workflow.env());
        } catch (Scope.EvaluationException e) {
            RunResult failed = new RunResult(workflowName, Conclusion.FAILURE, Duration.ZERO, List.of(
                    new JobResult(new JobKey("(workflow)", "(workflow)", Map.of()), Conclusion.FAILURE, Duration.ZERO,
                            Map.of(), List.of(), List.of(Annotation.of(Annotation.Level.ERROR, masker.mask(e.getMessage()))),
                            "", masker.mask(e.getMessage()))));
            listener.runStarted(workflowName);
            listener.runFinished(failed);
            return failed;
        }
        String repoName = github.repository().substring(github.repository().indexOf('/') + 1);
        RunContext context = new RunContext(request, listener, masker, github, runner, scope, workflowEnv, repoName);
        return new RunScheduler(context, cancellation, started).run();
    }

    private static Map<String, String> secrets(RunRequest request) {
        Map<String, String> secrets = new LinkedHashMap<>(request.secrets());
        secrets.putIfAbsent("GITHUB_TOKEN", "");
        return secrets;
    }

    /** Inputs given, over the defaults the workflow declares; booleans stay booleans, as on GitHub. */
    private static Map<String, Object> inputs(Workflow workflow, Map<String, String> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, WorkflowInput> declared = new LinkedHashMap<>(workflow.dispatchInputs());
        if (workflow.call() != null) {
            declared.putAll(workflow.call().inputs());
        }
        declared.forEach((name, input) -> {
            Object value = given.containsKey(name) ? given.get(name) : input.defaultValue();
            if (value == null) {
                value = input.type().equals("boolean") ? Boolean.FALSE : "";
            }
            if (input.type().equals("boolean") && value instanceof String s) {
                value = Boolean.parseBoolean(s.strip());
            } else if (input.type().equals("number") && value instanceof String s) {
                try {
                    value = Double.parseDouble(s.strip());
                } catch (NumberFormatException e) {
                    // left as text: GitHub would have refused it at dispatch; the step shows what came
                }
            }
            out.put(name, value);
        });
        given.forEach(out::putIfAbsent);
        return out;
    }

    private static String workflowPath(RunRequest request) {
        Path file = request.workflowFile();
        if (file == null) {
            return request.workflow().file();
        }
        if (request.repository() != null) {
            Path abs = file.toAbsolutePath().normalize();
            Path root = request.repository().toAbsolutePath().normalize();
            if (abs.startsWith(root)) {
                return root.relativize(abs).toString();
            }
        }
        return file.toString();
    }
}
