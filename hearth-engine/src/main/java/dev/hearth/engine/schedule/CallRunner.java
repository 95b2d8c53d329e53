package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.call.CallException;
import dev.hearth.engine.call.CallOutputs;
import dev.hearth.engine.call.CalledWorkflow;
import dev.hearth.engine.commands.Annotation;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.job.JobRunner;
import dev.hearth.engine.job.RunContext;
import dev.hearth.workflow.graph.JobGraph;
import dev.hearth.workflow.graph.JobGraphException;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.reusable.CallResolver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs one call of a reusable workflow (one leg of a calling job): prepares what the called workflow
 * sees, has the scheduler run its jobs in their {@code needs} order under the caller's name, then makes
 * the calling leg's own result — failure when a called job failed, cancelled when one was — and its
 * outputs from {@code on.workflow_call.outputs}.
 */
final class CallRunner {
    /** What the scheduler does for a call: run the called workflow's jobs. */
    @FunctionalInterface
    interface Jobs {
        /** Runs every job of {@code graph} in {@code frame} to its end; their outcomes by id. */
        Map<String, JobOutcome> run(WorkflowFrame frame, JobGraph graph);
    }

    private final RunContext run;
    private final JobConcurrency concurrency;
    private final Jobs jobs;
    private final Function<RunContext, JobRunner> runners;
    private final Consumer<JobResult> finish;

    /**
     * @param runners makes the step runner of a called workflow
     * @param finish  records a finished job and tells the listener
     */
    CallRunner(RunContext run, JobConcurrency concurrency, Jobs jobs,
               Function<RunContext, JobRunner> runners,
               Consumer<JobResult> finish) {
        this.run = run;
        this.concurrency = concurrency;
        this.jobs = jobs;
        this.runners = runners;
        this.finish = finish;
    }

    /**
     * @param caller    the workflow the calling job belongs to
     * @param leg       the calling leg: its key and matrix
     * @param scope     the calling leg's scope, where {@code with:} and {@code secrets:} are evaluated
     * @param cancelled the calling leg's cancellation, which the called jobs share
     * @param held      the concurrency groups held while the call runs
     */
    JobResult run(WorkflowFrame caller, ReusableWorkflowJob call, MatrixLegs.Combination leg, Scope scope,
                  Cancellation cancelled, Map<String, String> held) {
        Instant start = Instant.now();
        JobKey key = leg.key();
        run.listener().jobStarted(key);
        List<Annotation> annotations = new ArrayList<>();
        if (call.permissions() != null) {
            annotations.add(Annotation.of(Annotation.Level.NOTICE, "jobs." + call.id() + ".permissions is not applied: "
                    + "Hearth gives jobs no GITHUB_TOKEN scopes of its own, so the called jobs run as any other."));
        }
        String where = "jobs." + call.id();
        if (caller.depth() >= CallResolver.MAX_DEPTH) {
            return end(key, start, Conclusion.FAILURE, Map.of(), annotations, where + ".uses: reusable workflows "
                    + "may be nested at most " + CallResolver.MAX_DEPTH + " levels deep");
        }
        CalledWorkflow called;
        JobGraph graph;
        try {
            called = CalledWorkflow.prepare(caller.context(), caller.secrets(), call, scope, where);
            graph = RunScheduler.graph(called.workflow());
        } catch (CallException | JobGraphException e) {
            return end(key, start, Conclusion.FAILURE, Map.of(), annotations, e.getMessage());
        }
        // The called workflow's own workflow-level group holds for all its jobs.
        JobConcurrency.Entry entry = concurrency.enter(called.workflow().concurrency(), called.context().scope(), held,
                cancelled, called.workflow().file());
        Map<String, JobOutcome> done;
        switch (entry) {
            case JobConcurrency.Entry.Refused refused -> {
                return end(key, start, refused.failed() ? Conclusion.FAILURE : Conclusion.CANCELLED, Map.of(),
                        annotations, refused.message());
            }
            case JobConcurrency.Entry.Entered entered -> {
                try {
                    WorkflowFrame inner = new WorkflowFrame(called.context(), runners.apply(called.context()),
                            called.secrets(), MatrixLegs.Prefix.under(key), cancelled, caller.depth() + 1,
                            entered.held());
                    done = jobs.run(inner, graph);
                } finally {
                    entered.leave().run();
                }
            }
        }
        Map<String, Object> context = new LinkedHashMap<>();
        boolean failed = false;
        boolean wasCancelled = cancelled.isCancelled();
        for (Map.Entry<String, JobOutcome> e : done.entrySet()) {
            context.put(e.getKey(), Map.of("result", e.getValue().result().word(), "outputs", e.getValue().outputs()));
            failed |= e.getValue().result() == Conclusion.FAILURE;
            wasCancelled |= e.getValue().result() == Conclusion.CANCELLED;
        }
        CallOutputs outputs = CallOutputs.evaluate(called, context, run.masker());
        annotations.addAll(outputs.annotations());
        String file = called.workflow().file();
        if (failed || outputs.failed()) {
            return end(key, start, Conclusion.FAILURE, outputs.values(), annotations, failed
                    ? "A job of the called workflow " + file + " failed."
                    : "An output of " + file + " could not be evaluated.");
        }
        if (wasCancelled) {
            return end(key, start, Conclusion.CANCELLED, outputs.values(), annotations,
                    "The called workflow " + file + " was cancelled.");
        }
        return end(key, start, Conclusion.SUCCESS, outputs.values(), annotations, null);
    }

    /** The calling leg's own result, after its called jobs'; its notes and errors go to the log too. */
    private JobResult end(JobKey key, Instant start, Conclusion result, Map<String, String> outputs,
                          List<Annotation> annotations, String message) {
        List<Annotation> all = new ArrayList<>();
        for (Annotation a : annotations) {
            all.add(new Annotation(a.level(), run.masker().mask(a.message()), a.title(), a.file(), a.line(),
                    a.endLine(), a.column(), a.endColumn()));
        }
        String masked = run.masker().mask(message);
        if (result == Conclusion.FAILURE && masked != null
                && all.stream().noneMatch(a -> a.level() == Annotation.Level.ERROR)) {
            all.add(Annotation.of(Annotation.Level.ERROR, masked));
        }
        for (Annotation a : all) {
            LogLine.Kind kind = switch (a.level()) {
                case NOTICE -> LogLine.Kind.NOTICE;
                case WARNING -> LogLine.Kind.WARNING;
                case ERROR -> LogLine.Kind.ERROR;
            };
            run.listener().log(key, null, LogLine.runner(kind, a.message()));
        }
        JobResult r = new JobResult(key, result, Duration.between(start, Instant.now()), outputs, List.of(), all, "",
                masked);
        finish.accept(r);
        return r;
    }
}
