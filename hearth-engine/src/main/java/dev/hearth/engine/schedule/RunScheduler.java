package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.Isolation;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
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
import dev.hearth.workflow.model.ReusableWorkflowJob;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the jobs of one workflow in {@code needs} order. With {@link Isolation#WORKFLOW} every job runs
 * in one shared sandbox, one job at a time; with {@link Isolation#JOB} each job (each matrix leg) gets
 * its own sandbox and a job starts as soon as its own needs are done. Matrix fail-fast and
 * max-parallel, job conditions with the results of all ancestors, concurrency groups and cancellation
 * live here. A job that calls a reusable workflow runs the called workflow's jobs here too, in their
 * own {@code needs} order and under the same isolation, shown as {@code caller / called}; its result
 * and outputs come from them.
 */
public final class RunScheduler {
    private final RunContext run;
    private final Cancellation cancellation;
    private final SandboxLeases sandboxes;
    private final List<JobRunner> runners = new CopyOnWriteArrayList<>();
    private final JobConcurrency concurrency;
    private final CallRunner calls;
    private final AtomicInteger legIndex = new AtomicInteger();
    private final List<JobResult> finished = Collections.synchronizedList(new ArrayList<>());

    private final Instant started;

    /** @param started when the run began (its duration counts from there, set-up included) */
    public RunScheduler(RunContext run, Cancellation cancellation, Instant started) {
        this.started = started;
        this.run = run;
        this.cancellation = cancellation;
        this.sandboxes = new SandboxLeases(run.request(), sandbox -> runners.forEach(r -> r.forget(sandbox)));
        this.concurrency = new JobConcurrency(cancellation::kill);
        this.calls = new CallRunner(run, concurrency, this::runCalled, this::runner, this::finish0);
    }

    /** Runs one leg of a job: its steps, or the workflow it calls. */
    @FunctionalInterface
    private interface LegBody {
        /**
         * @param leg  the leg's own cancellation
         * @param held the concurrency groups held while it runs, its own included
         */
        JobResult run(MatrixLegs.Combination combination, Cancellation leg, Map<String, String> held);
    }

    public RunResult run() {
        RunRequest request = run.request();
        Workflow workflow = request.workflow();
        String name = run.github().workflowName();
        run.listener().runStarted(name);
        Runnable stopKill = cancellation.onKill(sandboxes::destroyAll);
        try {
            JobGraph graph = graph(workflow);
            Set<String> selected = select(graph, request.jobs());
            Map<String, String> secrets = new LinkedHashMap<>(request.secrets());
            secrets.putIfAbsent("GITHUB_TOKEN", "");
            WorkflowFrame top = new WorkflowFrame(run, runner(run), secrets, MatrixLegs.Prefix.NONE, cancellation, 1,
                    JobConcurrency.workflowGroup(workflow, run.scope()));
            ExecutorService executor = request.isolation() == Isolation.WORKFLOW
                    ? Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("hearth-jobs").daemon().unstarted(r))
                    : Executors.newVirtualThreadPerTaskExecutor();
            try {
                runGraph(top, graph, selected, executor);
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

    private JobRunner runner(RunContext context) {
        JobRunner runner = new JobRunner(context);
        runners.add(runner);
        return runner;
    }

    static JobGraph graph(Workflow workflow) {
        Map<String, List<String>> needs = new LinkedHashMap<>();
        for (Job j : workflow.jobs()) {
            needs.put(j.id(), j.needs());
        }
        return JobGraph.of(needs);
    }

    /**
     * Runs the selected jobs of one workflow to their end.
     *
     * @return each job's result and outputs (matrix legs together), by id as written, in graph order
     */
    private Map<String, JobOutcome> runGraph(WorkflowFrame frame, JobGraph graph, Set<String> selected, Executor executor) {
        Workflow workflow = frame.context().request().workflow();
        Map<String, CompletableFuture<JobOutcome>> futures = new HashMap<>();
        for (String id : graph.order()) {
            if (!selected.contains(key(id))) {
                continue;
            }
            Job job = workflow.job(id);
            List<CompletableFuture<JobOutcome>> deps = new ArrayList<>();
            for (String need : graph.needs(id)) {
                CompletableFuture<JobOutcome> f = futures.get(key(need));
                if (f != null) {
                    deps.add(f);
                }
            }
            CompletableFuture<JobOutcome> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                    .thenApplyAsync(ignored -> runJob(frame, job, graph, futures), executor);
            futures.put(key(id), f);
        }
        CompletableFuture.allOf(futures.values().toArray(CompletableFuture[]::new)).join();
        Map<String, JobOutcome> done = new LinkedHashMap<>();
        for (String id : graph.order()) {
            CompletableFuture<JobOutcome> f = futures.get(key(id));
            if (f != null) {
                done.put(id, f.join());
            }
        }
        return done;
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

    private JobOutcome runJob(WorkflowFrame frame, Job job, JobGraph graph, Map<String, CompletableFuture<JobOutcome>> futures) {
        Map<String, Object> needsContext = new LinkedHashMap<>();
        for (String need : graph.needs(job.id())) {
            CompletableFuture<JobOutcome> f = futures.get(key(need));
            if (f != null) {
                JobOutcome d = f.join();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("result", d.result().word());
                entry.put("outputs", d.outputs());
                needsContext.put(need, entry);
            }
        }
        List<Conclusion> ancestors = ancestors(job.id(), graph, futures);
        MatrixLegs.Prefix prefix = frame.prefix();
        JobKey plainKey = new JobKey(prefix.id() + job.id(),
                prefix.name() + (job.name() == null ? job.id() : job.name()), Map.of());
        if (cancellation.isKilled()) {
            return finish(cancelledJob(plainKey, "The run was stopped."));
        }
        Scope scope = frame.context().scope().with("needs", needsContext).with("env", frame.context().workflowEnv())
                .withStatus(f -> jobStatus(frame, f, ancestors));
        boolean go;
        try {
            go = scope.condition(job.condition());
        } catch (Scope.EvaluationException e) {
            return finish(failedJob(plainKey, e.getMessage()));
        }
        if (!go) {
            JobResult skipped = frame.cancellation().isCancelled()
                    ? cancelledJob(plainKey, "The run was cancelled.")
                    : new JobResult(plainKey, Conclusion.SKIPPED, Duration.ZERO, Map.of(), List.of(), List.of(), "",
                    "Its condition is false: " + job.condition());
            return finish(skipped);
        }
        List<MatrixLegs.Combination> legs;
        MatrixLegs.Strategy strategy;
        try {
            strategy = MatrixLegs.strategy(job, scope);
            legs = MatrixLegs.legs(job, scope, strategy, run.request().matrixFilter(), legIndex, prefix);
        } catch (MatrixException | Scope.EvaluationException | IllegalArgumentException e) {
            return finish(failedJob(plainKey, "strategy.matrix: " + e.getMessage()));
        }
        if (legs.isEmpty()) {
            return finish(new JobResult(plainKey, Conclusion.SKIPPED, Duration.ZERO, Map.of(), List.of(), List.of(), "",
                    "No matrix leg is left to run."));
        }
        LegBody body = switch (job) {
            case RunnerJob r -> (c, leg, held) -> runSteps(frame,
                    new Leg(r, c.key(), c.matrix(), c.strategy(), needsContext, c.index()), leg);
            case ReusableWorkflowJob call -> (c, leg, held) -> calls.run(frame, call, c, legScope(scope, c), leg, held);
        };
        return runLegs(frame, job, scope, legs, strategy, body);
    }

    private static Scope legScope(Scope jobScope, MatrixLegs.Combination c) {
        return jobScope.with("matrix", c.matrix()).with("strategy", c.strategy());
    }

    private JobOutcome runLegs(WorkflowFrame frame, Job job, Scope scope, List<MatrixLegs.Combination> legs,
                         MatrixLegs.Strategy strategy, LegBody body) {
        Cancellation matrix = new Cancellation();
        Runnable stopCancel = frame.cancellation().onCancel(matrix::cancel);
        Runnable stopKill = frame.cancellation().onKill(matrix::kill);
        List<JobResult> results = Collections.synchronizedList(new ArrayList<>());
        try {
            if (run.request().isolation() == Isolation.WORKFLOW || legs.size() == 1) {
                for (MatrixLegs.Combination leg : legs) {
                    results.add(runLeg(frame, job, scope, leg, matrix, strategy, body));
                }
            } else {
                Semaphore slots = new Semaphore(strategy.maxParallel() > 0 ? strategy.maxParallel() : legs.size());
                List<Thread> threads = new ArrayList<>();
                for (MatrixLegs.Combination leg : legs) {
                    slots.acquireUninterruptibly();
                    threads.add(Thread.ofVirtual().name("hearth-leg-" + leg.index()).start(() -> {
                        try {
                            results.add(runLeg(frame, job, scope, leg, matrix, strategy, body));
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

    private JobResult runLeg(WorkflowFrame frame, Job job, Scope scope, MatrixLegs.Combination c, Cancellation matrix,
                             MatrixLegs.Strategy strategy, LegBody body) {
        if (matrix.isCancelled() && !frame.cancellation().isCancelled()) {
            return finish0(cancelledJob(c.key(), "Cancelled because another leg of the matrix failed (fail-fast)."));
        }
        if (cancellation.isKilled()) {
            return finish0(cancelledJob(c.key(), "The run was stopped."));
        }
        // Each leg can be cancelled on its own: a newcomer to its concurrency group may cancel it.
        Cancellation leg = new Cancellation();
        Runnable stopCancel = matrix.onCancel(leg::cancel);
        Runnable stopKill = matrix.onKill(leg::kill);
        JobResult result;
        try {
            JobConcurrency.Entry entry = concurrency.enter(job.concurrency(), legScope(scope, c), frame.heldGroups(),
                    leg, c.key().displayName());
            result = switch (entry) {
                case JobConcurrency.Entry.Refused refused -> finish0(refused.failed()
                        ? failedJob(c.key(), refused.message()) : cancelledJob(c.key(), refused.message()));
                case JobConcurrency.Entry.Entered entered -> {
                    try {
                        yield body.run(c, leg, entered.held());
                    } finally {
                        entered.leave().run();
                    }
                }
            };
        } finally {
            stopCancel.run();
            stopKill.run();
        }
        if (result.result() == Conclusion.FAILURE && strategy.failFast() && !c.matrix().isEmpty()) {
            matrix.cancel();
        }
        return result;
    }

    /** Runs a leg's steps in a sandbox. */
    private JobResult runSteps(WorkflowFrame frame, Leg leg, Cancellation cancelled) {
        Sandbox sandbox;
        try {
            sandbox = sandboxes.acquire(leg);
        } catch (dev.hearth.sandbox.SandboxException e) {
            return finish0(failedJob(leg.key(), "Could not create a sandbox: " + e.getMessage()));
        }
        JobResult result;
        try {
            result = frame.jobs().run(leg, sandbox, cancelled);
        } finally {
            sandboxes.release(sandbox);
        }
        finished.add(result);
        return result;
    }

    /** Runs a called workflow's jobs: on this thread one at a time, or in parallel with job isolation. */
    private Map<String, JobOutcome> runCalled(WorkflowFrame inner, JobGraph graph) {
        Set<String> all = new HashSet<>();
        graph.order().forEach(id -> all.add(key(id)));
        if (run.request().isolation() == Isolation.WORKFLOW) {
            return runGraph(inner, graph, all, Runnable::run);
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            return runGraph(inner, graph, all, executor);
        } finally {
            executor.shutdownNow();
        }
    }

    private JobOutcome aggregate(List<JobResult> legs) {
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
        return new JobOutcome(result, outputs);
    }

    /** The results of every job this one needs, directly or not. */
    private static List<Conclusion> ancestors(String id, JobGraph graph, Map<String, CompletableFuture<JobOutcome>> futures) {
        List<Conclusion> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> queue = new ArrayList<>(graph.needs(id));
        while (!queue.isEmpty()) {
            String need = queue.removeLast();
            if (!seen.add(key(need))) {
                continue;
            }
            CompletableFuture<JobOutcome> f = futures.get(key(need));
            if (f != null) {
                out.add(f.join().result());
            }
            queue.addAll(graph.needs(need));
        }
        return out;
    }

    /** Status functions in a job's {@code if:}: over the results of all its ancestors. */
    private static boolean jobStatus(WorkflowFrame frame, BuiltinFunction f, List<Conclusion> ancestors) {
        Cancellation c = frame.cancellation();
        return switch (f) {
            case ALWAYS -> true;
            case CANCELLED -> c.isCancelled();
            case FAILURE -> ancestors.contains(Conclusion.FAILURE);
            case SUCCESS -> !c.isCancelled() && ancestors.stream().allMatch(r -> r == Conclusion.SUCCESS);
            default -> false;
        };
    }

    private JobOutcome finish(JobResult result) {
        finish0(result);
        return new JobOutcome(result.result(), result.outputs());
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
