package dev.hearth.server.run;

import dev.hearth.engine.Cancellation;
import dev.hearth.engine.Engine;
import dev.hearth.engine.RunRequest;
import dev.hearth.engine.RunResult;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.server.github.RunConclusion;
import dev.hearth.server.metrics.ServerMetrics;
import dev.hearth.server.source.CommitWorkflows;
import dev.hearth.server.source.EventFacts;
import dev.hearth.server.source.RepositoryCache;
import dev.hearth.server.source.WorkflowFile;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Delivery;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.JobStore;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunStore;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.model.Workflow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one claimed run: reads its workflow from the cached commit, checks the commit out into the
 * run's folder, runs it through the engine in its own sandbox with the event's payload, records it as it
 * goes, and concludes and reports it with the real conclusion. Anything that keeps Hearth from running
 * the workflow concludes it {@link Conclusion#ERROR} with the reason, never silently.
 */
public final class WorkflowRunner {

    private static final Logger LOG = LoggerFactory.getLogger(WorkflowRunner.class);

    private final RunSettings settings;
    private final String owner;
    private final DeliveryStore deliveries;
    private final RunStore runs;
    private final JobStore jobs;
    private final LogStore logs;
    private final RepositoryCache cache;
    private final ReadOptions readOptions;
    private final SandboxBackend backend;
    private final RunReports reports;
    private final ServerMetrics metrics;
    private final Engine engine = new Engine();

    public WorkflowRunner(RunSettings settings, String owner, DeliveryStore deliveries, RunStore runs, JobStore jobs,
                          LogStore logs, RepositoryCache cache, ReadOptions readOptions, SandboxBackend backend,
                          RunReports reports, ServerMetrics metrics) {
        this.settings = settings;
        this.owner = owner;
        this.deliveries = deliveries;
        this.runs = runs;
        this.jobs = jobs;
        this.logs = logs;
        this.cache = cache;
        this.readOptions = readOptions;
        this.backend = new TimedBackend(backend, metrics);
        this.reports = reports;
        this.metrics = metrics;
    }

    /** What ended a run, and why when Hearth (not the workflow) decided it. */
    private record Outcome(Conclusion conclusion, String detail) {
    }

    /** Runs {@code run}, which this node has claimed, to its end. */
    public void run(Run run, Cancellation cancellation) {
        EventFacts facts;
        try {
            Delivery delivery = deliveries.find(run.deliveryId())
                    .orElseThrow(() -> new IllegalStateException("delivery " + run.deliveryId() + " is gone"));
            facts = EventFacts.parse(delivery.event(), delivery.body().getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Without the event nothing can be reported either; conclude it so it does not run again.
            LOG.warn("run {}: cannot read its delivery: {}", run.id(), e.toString());
            complete(run, null, new Outcome(Conclusion.ERROR, "cannot read the delivery"));
            return;
        }
        reports.started(run, facts);
        Path folder = settings.workRoot().resolve("run-" + run.id() + "-" + run.attempts());
        Outcome outcome;
        try {
            outcome = execute(run, facts, folder, cancellation);
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {} ({} {}) could not be carried out: {}", run.id(), run.repository(), run.workflowPath(),
                    e.toString());
            outcome = new Outcome(Conclusion.ERROR, e.getMessage());
        } finally {
            deleteQuietly(folder);
        }
        complete(run, facts, outcome);
    }

    private Outcome execute(Run run, EventFacts facts, Path folder, Cancellation cancellation) throws IOException {
        boolean fork = facts.pullRequest() != null && facts.pullRequest().fromFork();
        if (fork && backend.name().equals("host") && !settings.allowForksOnHost()) {
            return new Outcome(Conclusion.ERROR, "pull requests from forks are not run on the host backend");
        }
        Path gitDir = cache.gitDir(run.repository());
        Workflow workflow = readWorkflow(gitDir, run);
        deleteQuietly(folder);
        Path checkout = folder.resolve("repo");
        Path sandboxes = folder.resolve("sandbox");
        Files.createDirectories(sandboxes);
        CommitCheckout.checkout(gitDir, run.sha(), checkout);
        // As on GitHub, a fork's pull request gets no secrets, not even the token.
        Map<String, String> secrets = fork ? Map.of() : settings.secrets();
        RunRequest request = RunRequest.builder(workflow, backend, sandboxes)
                .workflowFile(checkout.resolve(run.workflowPath()))
                .repository(checkout)
                .event(facts.event(), facts.payload())
                .secrets(secrets)
                .runId(run.id())
                .runNumber(run.id())
                .actor(facts.sender())
                .build();
        RunResult result = engine.run(request, new StoringListener(run.id(), jobs, logs, metrics), cancellation);
        return new Outcome(StoringListener.conclusion(result.conclusion()), null);
    }

    private Workflow readWorkflow(Path gitDir, Run run) throws IOException {
        try (Repository repo = RepositoryCache.open(gitDir)) {
            WorkflowFile file = CommitWorkflows.read(repo, ObjectId.fromString(run.sha()), readOptions).stream()
                    .filter(f -> f.path().equals(run.workflowPath())).findFirst()
                    .orElseThrow(() -> new IOException(run.workflowPath() + " is not in commit " + run.sha()));
            if (!file.valid()) {
                throw new IOException("invalid workflow file: " + file.result().problems().getFirst().message());
            }
            return file.result().workflow();
        }
    }

    private void complete(Run run, EventFacts facts, Outcome outcome) {
        if (!runs.complete(run.id(), owner, outcome.conclusion())) {
            // Its lease went to another node (this one stalled); that node reports it.
            LOG.warn("run {} ended here but its lease was lost; its result is not this node's to give", run.id());
            return;
        }
        metrics.runConcluded(outcome.conclusion().name());
        if (facts == null) {
            return;
        }
        Run done = runs.find(run.id()).orElse(run);
        RunConclusion reported = RunReports.toReported(outcome.conclusion());
        reports.concluded(done, facts, reported, outcome.detail());
        reports.pullRequestComment(run.deliveryId(), facts);
    }

    static void deleteQuietly(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot remove {}: {}", folder, e.toString());
        }
    }
}
