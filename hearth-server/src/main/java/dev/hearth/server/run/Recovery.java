package dev.hearth.server.run;

import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.process.Signals;
import dev.hearth.server.github.RunConclusion;
import dev.hearth.server.metrics.ServerMetrics;
import dev.hearth.server.source.EventFacts;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.Recovered;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back what a dead process left: runs whose lease expired are queued again (while they have
 * attempts left) or concluded {@code error} and reported; at start, processes still running out of
 * the work folder (sandboxes whose reaper died too) are killed and the folder is emptied.
 */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private final RunStore runs;
    private final DeliveryStore deliveries;
    private final RunReports reports;
    private final ServerMetrics metrics;
    private final int maxAttempts;

    public Recovery(RunStore runs, DeliveryStore deliveries, RunReports reports, ServerMetrics metrics, int maxAttempts) {
        this.runs = runs;
        this.deliveries = deliveries;
        this.reports = reports;
        this.metrics = metrics;
        this.maxAttempts = maxAttempts;
    }

    /** Re-queues or concludes expired runs and reports what it did to them; returns what it did. */
    public Recovered recoverExpiredRuns() {
        return reported(runs.recoverExpired(maxAttempts));
    }

    /**
     * At start, before this process claims a run: re-queues or concludes the runs that earlier, dead
     * processes of this node held (owner names starting with {@code ownerPrefix}), without waiting for
     * their leases to expire, and reports what it did to them.
     */
    public Recovered recoverAbandonedRuns(String ownerPrefix) {
        return reported(runs.recoverAbandoned(ownerPrefix, maxAttempts));
    }

    private Recovered reported(Recovered r) {
        if (!r.requeued().isEmpty() || !r.errored().isEmpty()) {
            LOG.info("recovered runs of a dead process: re-queued {}, concluded as error {}", r.requeued(), r.errored());
        }
        for (long id : r.errored()) {
            metrics.runConcluded(Conclusion.ERROR.name());
            runs.find(id).ifPresent(run -> facts(run).ifPresent(facts -> {
                reports.concluded(run, facts, RunConclusion.ERROR, "the server running it stopped " + run.attempts()
                        + " times");
                reports.pullRequestComment(run.deliveryId(), facts);
            }));
        }
        for (long id : r.requeued()) {
            runs.find(id).ifPresent(run -> facts(run).ifPresent(facts -> reports.queued(run, facts)));
        }
        return r;
    }

    private java.util.Optional<EventFacts> facts(Run run) {
        try {
            return deliveries.find(run.deliveryId())
                    .map(d -> EventFacts.parse(d.event(), d.body().getBytes(StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            LOG.warn("run {}: cannot read its delivery to report it: {}", run.id(), e.toString());
            return java.util.Optional.empty();
        }
    }

    /**
     * Kills processes whose command line names the work folder (a bubblewrap sandbox binds it) and
     * removes every run folder in it; returns how many processes were killed. Only for start-up, before
     * this process runs anything there.
     */
    public static int clearWorkRoot(Path workRoot) throws IOException {
        Files.createDirectories(workRoot);
        String marker = workRoot.toAbsolutePath().normalize().toString();
        long self = ProcessHandle.current().pid();
        List<Long> left = ProcFs.withCommandLineContaining(marker).stream().filter(pid -> pid != self).toList();
        if (!left.isEmpty()) {
            LOG.warn("killing {} process(es) a dead server left in {}", left.size(), marker);
            Signals.toProcesses(left, Signals.KILL);
        }
        try (Stream<Path> children = Files.list(workRoot)) {
            children.forEach(WorkflowRunner::deleteQuietly);
        }
        return left.size();
    }
}
