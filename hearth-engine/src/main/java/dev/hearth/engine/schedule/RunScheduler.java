package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.Isolation;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.RunListener;
import dev.hearth.engine.RunRequest;
import dev.hearth.engine.RunResult;
import dev.hearth.engine.commands.Annotation;
import dev.hearth.engine.context.Scope;
import dev.hearth.engine.job.JobRunner;
import dev.hearth.engine.job.Leg;
import dev.hearth.engine.job.RunContext;
import dev.hearth.expressions.BuiltinFunction;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.workflow.graph.JobGraph;
import dev.hearth.workflow.graph.JobGraphException;
import dev.hearth.workflow.matrix.MatrixException;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the jobs of one workflow in {@code needs} order. With {@link Isolation#WORKFLOW} every job runs
 * in one shared sandbox, one job at a time; with {@link Isolation#JOB} each job (each matrix leg) gets
 * its own sandbox and a job starts as soon as its own needs are done. Matrix fail-fast and
 * max-parallel, job conditions with the results of all ancestors, and cancellation live here.
 */
public final class RunScheduler {
    private final RunContext run;
    private final Cancellation cancellation;
    private final JobRunner jobs;
    private final SandboxLeases sandboxes;
    private final AtomicInteger legIndex = new AtomicInteger();
    private final List<JobResult> finished = Collections.synchronizedList(new ArrayList<>());

    private final Instant started;

    /** @param started when the run began (its duration counts from there, set-up included) */
    public RunScheduler(RunContext run, Cancellation cancellation, Instant started) {
        this.started = started;
        this.run = run;
        this.cancellation = cancellation;
        this.jobs = new JobRunner(run);
        this.sandboxes = new SandboxLeases(run.request(), jobs);
    }

    /** What a finished job leaves for the jobs that need it. */
    private record Done(Conclusion result, Map<String, String> outputs) {
    }

    public RunResult run() {
        RunRequest request = run.request();
        Workflow workflow = request.workflow();
        String name = run.github().workflowName();
        run.listener().runStarted(name);
        Runnable stopKill = cancellation.onKill(sandboxes::destroyAll);
        try {
            Map<String, List<String>> needs = new LinkedHashMap<>();
            for (Job j : workflow.jobs()) {
                needs.put(j.id(), j.needs());
            }
            JobGraph graph = JobGraph.of(needs);
            Set<String> selected = select(graph, request.jobs());
            ExecutorService executor = request.isolation() == Isolation.WORKFLOW
                    ? Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("hearth-jobs").daemon().unstarted(r))
                    : Executors.newVirtualThreadPerTaskExecutor();
            try {
                Map<String, CompletableFuture<Done>> futures = new HashMap<>();
                for (String id : graph.order()) {
                    if (!selected.contains(key(id))) {
                        continue;
                    }
                    Job job = workflow.job(id);
                    List<CompletableFuture<Done>> deps = new ArrayList<>();
                    for (String need : graph.needs(id)) {
                        CompletableFuture<Done> f = futures.get(key(need));
                        if (f != null) {
                            deps.add(f);
                        }
                    }
                    CompletableFuture<Done> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                            .thenApplyAsync(ignored -> runJob(job, graph, futures), executor);
                    futures.put(key(id), f);
                }
                CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
            } finally {
                executor.shutdownNow();
            }
        } catch (JobGraphException e) {
            finished.add(failedJob(new JobKey("(workflow)", "(workflow)", Map.of()), e.getMessage()));
        } finally {
            sandboxes.destroyAll();
            stopKill.run();
        }
        Conclusion conclusion = conclusion();
        RunResult result = new RunResult(name, conclusion, Duration.between(started, Instant.now()), finished);
        run.listener().runFinished(result);
        return result;
    }

    private Conclusion conclusion() {
        if (cancellation.isCancelled()) {
            return Conclusion.CANCELLED;
        }
        synchronized (finished) {
            for (JobResult j : finished) {
                if (j.result() == Conclusion.FAILURE) {
                    return Conclusion.FAILURE;
                }
            }
        }
        return Conclusion.SUCCESS;
    }

    /** The selected jobs and everything they need, as folded keys; all jobs when none is selected. */
    private static Set<String> select(JobGraph graph, List<String> wanted) {
        Set<String> out = new HashSet<>();
        if (wanted.isEmpty()) {
            graph.order().forEach(id -> out.add(key(id)));
            return out;
        }
        List<String> queue = new ArrayList<>();
        for (String w : wanted) {
            if (!graph.contains(w)) {
                throw new JobGraphException(List.of("job '" + w + "' is not a job of this workflow; its jobs are "
                        + String.join(", ", graph.order())));
            }
            queue.add(graph.canonical(w));
        }
        while (!queue.isEmpty()) {
            String id = queue.removeLast();
            if (out.add(key(id))) {
                queue.addAll(graph.needs(id));
            }
        }
        return out;
    }

    private Done runJob(Job job, JobGraph graph, Map<String, CompletableFuture<Done>> futures) {
        Map<String, Object> needsContext = new LinkedHashMap<>();
        for (String need : graph.needs(job.id())) {
            CompletableFuture<Done> f = futures.get(key(need));
            if (f != null) {
                Done d = f.join();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("result", d.result().word());
                entry.put("outputs", d.outputs());
                needsContext.put(need, entry);
            }
        }
        List<Conclusion> ancestors = ancestors(job.id(), graph, futures);
        JobKey plainKey = new JobKey(job.id(), job.name() == null ? job.id() : job.name(), Map.of());
        if (cancellation.isKilled()) {
            return finish(cancelledJob(plainKey, "The run was stopped."));
        }
        Scope scope = run.scope().with("needs", needsContext).with("env", run.workflowEnv())
                .withStatus(f -> jobStatus(f, ancestors));
        boolean go;
        try {
            go = scope.condition(job.condition());
        } catch (Scope.EvaluationException e) {
            return finish(failedJob(plainKey, e.getMessage()));
        }
        if (!go) {
            JobResult skipped = cancellation.isCancelled()
                    ? cancelledJob(plainKey, "The run was cancelled.")
                    : new JobResult(plainKey, Conclusion.SKIPPED, Duration.ZERO, Map.of(), List.of(), List.of(), "",
                    "Its condition is false: " + job.condition());
            return finish(skipped);
        }
        if (!(job instanceof RunnerJob runnerJob)) {
            return finish(failedJob(plainKey, "jobs." + job.id() + ".uses: calling a reusable workflow is not yet "
                    + "supported: this version of Hearth runs only jobs with steps"));
        }
        List<Leg> legs;
        MatrixLegs.Strategy strategy;
        try {
            strategy = MatrixLegs.strategy(runnerJob, scope);
            legs = MatrixLegs.legs(runnerJob, scope, needsContext, strategy, run.request().matrixFilter(), legIndex);
        } catch (MatrixException | Scope.EvaluationException | IllegalArgumentException e) {
            return finish(failedJob(plainKey, "strategy.matrix: " + e.getMessage()));
        }
        if (legs.isEmpty()) {
            return finish(new JobResult(plainKey, Conclusion.SKIPPED, Duration.ZERO, Map.of(), List.of(), List.of(), "",
                    "No matrix leg is left to run."));
        }
        return runLegs(legs, strategy);
    }

    private Done runLegs(List<Leg> legs, MatrixLegs.Strategy strategy) {
        Cancellation matrix = new Cancellation();
        Runnable stopCancel = cancellation.onCancel(matrix::cancel);
        Runnable stopKill = cancellation.onKill(matrix::kill);
        List<JobResult> results = Collections.synchronizedList(new ArrayList<>());
        try {
            if (run.request().isolation() == Isolation.WORKFLOW || legs.size() == 1) {
                for (Leg leg : legs) {
                    results.add(runLeg(leg, matrix, strategy));
                }
            } else {
                Semaphore slots = new Semaphore(strategy.maxParallel() > 0 ? strategy.maxParallel() : legs.size());
                List<Thread> threads = new ArrayList<>();
                for (Leg leg : legs) {
                    slots.acquireUninterruptibly();
                    threads.add(Thread.ofVirtual().name("hearth-leg-" + leg.index()).start(() -> {
                        try {
                            results.add(runLeg(leg, matrix, strategy));
                        } finally {
                            slots.release();
                        }
                    }));
                }
                for (Thread t : threads) {
                    t.join();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancellation.kill();
        } finally {
            stopCancel.run();
            stopKill.run();
        }
        return aggregate(results);
    }

    private JobResult runLeg(Leg leg, Cancellation matrix, MatrixLegs.Strategy strategy) {
        if (matrix.isCancelled() && !cancellation.isCancelled()) {
            return finish0(cancelledJob(leg.key(), "Cancelled because another leg of the matrix failed (fail-fast)."));
        }
        if (cancellation.isKilled()) {
            return finish0(cancelledJob(leg.key(), "The run was stopped."));
        }
        JobResult result;
        Sandbox sandbox;
        try {
            sandbox = sandboxes.acquire(leg);
        } catch (dev.hearth.sandbox.SandboxException e) {
            return finish0(failedJob(leg.key(), "Could not create a sandbox: " + e.getMessage()));
        }
        try {
            result = jobs.run(leg, sandbox, matrix);
        } finally {
            sandboxes.release(sandbox);
        }
        finished.add(result);
        if (result.result() == Conclusion.FAILURE && strategy.failFast() && !leg.matrix().isEmpty()) {
            matrix.cancel();
        }
        return result;
    }

    private Done aggregate(List<JobResult> legs) {
        Conclusion result = Conclusion.SKIPPED;
        boolean anyFailure = false;
        boolean anyCancelled = false;
        boolean anySuccess = false;
        Map<String, String> outputs = new LinkedHashMap<>();
        synchronized (legs) {
            for (JobResult r : legs) {
                switch (r.result()) {
                    case FAILURE -> anyFailure = true;
                    case CANCELLED -> anyCancelled = true;
                    case SUCCESS -> anySuccess = true;
                    default -> {
                    }
                }
                r.outputs().forEach((k, v) -> {
                    if (!v.isEmpty() || !outputs.containsKey(k)) {
                        outputs.put(k, v);
                    }
                });
            }
        }
        if (anyFailure) {
            result = Conclusion.FAILURE;
        } else if (anyCancelled) {
            result = Conclusion.CANCELLED;
        } else if (anySuccess) {
            result = Conclusion.SUCCESS;
        }
        return new Done(result, outputs);
    }

    /** The results of every job this one needs, directly or not. */
    private static List<Conclusion> ancestors(String id, JobGraph graph, Map<String, CompletableFuture<Done>> futures) {
        List<Conclusion> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> queue = new ArrayList<>(graph.needs(id));
        while (!queue.isEmpty()) {
            String need = queue.removeLast();
            if (!seen.add(key(need))) {
                continue;
            }
            CompletableFuture<Done> f = futures.get(key(need));
            if (f != null) {
                out.add(f.join().result());
            }
            queue.addAll(graph.needs(need));
        }
        return out;
    }

    /** Status functions in a job's {@code if:}: over the results of all its ancestors. */
    private boolean jobStatus(BuiltinFunction f, List<Conclusion> ancestors) {
        return switch (f) {
            case ALWAYS -> true;
            case CANCELLED -> cancellation.isCancelled();
            case FAILURE -> ancestors.contains(Conclusion.FAILURE);
            case SUCCESS -> !cancellation.isCancelled() && ancestors.stream().allMatch(c -> c == Conclusion.SUCCESS);
            default -> false;
        };
    }

    private Done finish(JobResult result) {
        finish0(result);
        return new Done(result.result(), result.outputs());
    }

    private JobResult finish0(JobResult result) {
        finished.add(result);
        run.listener().jobFinished(result);
        return result;
    }

    private static JobResult failedJob(JobKey key, String message) {
        return new JobResult(key, Conclusion.FAILURE, Duration.ZERO, Map.of(), List.of(),
                List.of(Annotation.of(Annotation.Level.ERROR, message)), "", message);
    }

    private static JobResult cancelledJob(JobKey key, String message) {
        return new JobResult(key, Conclusion.CANCELLED, Duration.ZERO, Map.of(), List.of(), List.of(), "", message);
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
