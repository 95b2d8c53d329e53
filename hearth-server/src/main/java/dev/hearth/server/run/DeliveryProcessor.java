package dev.hearth.server.run;

import dev.hearth.server.github.RunConclusion;
import dev.hearth.server.metrics.ServerMetrics;
import dev.hearth.server.source.EventFacts;
import dev.hearth.server.source.Triggered;
import dev.hearth.server.source.TriggeredWorkflow;
import dev.hearth.server.source.TriggeredWorkflows;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Delivery;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.NewDelivery;
import dev.hearth.server.store.NewRun;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunStore;
import dev.hearth.server.webhook.DeliveryListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a stored delivery into queued runs: reads the payload, fetches the commit, finds the workflows
 * the event triggers, queues one run per workflow and reports it pending, and marks the delivery done
 * (or failed, with the error). An invalid workflow the event would trigger becomes a run concluded
 * {@code error} and reported as such. As a {@link DeliveryListener} it hands each new delivery to a
 * virtual thread at once, so the webhook's answer never waits for a fetch.
 */
public final class DeliveryProcessor implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final int BATCH = 100;

    private final DeliveryStore deliveries;
    private final RunStore runs;
    private final TriggeredWorkflows triggered;
    private final RunReports reports;
    private final ServerMetrics metrics;
    private final Lock claimGate;
    private final Runnable wakeScheduler;

    public DeliveryProcessor(DeliveryStore deliveries, RunStore runs, TriggeredWorkflows triggered, RunReports reports,
                             ServerMetrics metrics, Lock claimGate, Runnable wakeScheduler) {
        this.deliveries = deliveries;
        this.runs = runs;
        this.triggered = triggered;
        this.reports = reports;
        this.metrics = metrics;
        this.claimGate = claimGate;
        this.wakeScheduler = wakeScheduler;
    }

    @Override
    public void delivered(NewDelivery delivery) {
        if (delivery.state() == DeliveryState.RECEIVED) {
            Thread.ofVirtual().name("hearth-delivery-" + delivery.deliveryId()).start(() -> process(delivery.deliveryId()));
        } else {
            metrics.delivery(delivery.event(), delivery.state().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Processes every delivery still waiting: those received but not processed, and those a dead
     * process left half-processed (queueing runs again makes no duplicates).
     */
    public int processWaiting() {
        for (Delivery d : deliveries.inState(DeliveryState.PROCESSING, Integer.MAX_VALUE)) {
            deliveries.transition(d.deliveryId(), DeliveryState.PROCESSING, DeliveryState.RECEIVED, null);
        }
        int n = 0;
        while (true) {
            var waiting = deliveries.inState(DeliveryState.RECEIVED, BATCH);
            if (waiting.isEmpty()) {
                return n;
            }
            for (Delivery d : waiting) {
                process(d.deliveryId());
                n++;
            }
        }
    }

    /** Processes one delivery if it is still received; another thread or node may have taken it. */
    public void process(String deliveryId) {
        if (!deliveries.transition(deliveryId, DeliveryState.RECEIVED, DeliveryState.PROCESSING, null)) {
            return;
        }
        Delivery delivery = deliveries.find(deliveryId).orElseThrow();
        try {
            EventFacts facts = EventFacts.parse(delivery.event(), delivery.body().getBytes(StandardCharsets.UTF_8));
            long start = System.nanoTime();
            Triggered t = triggered.evaluate(facts);
            metrics.workflowsParsed(Duration.ofNanos(System.nanoTime() - start));
            queue(delivery, t);
            deliveries.transition(deliveryId, DeliveryState.PROCESSING, DeliveryState.DONE, null);
            metrics.delivery(delivery.event(), "done");
            LOG.info("delivery {} ({}): {} workflow(s) queued, {} not triggered", deliveryId, delivery.event(),
                    t.workflows().size(), t.skipped().size());
        } catch (Exception e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.warn("delivery {} ({}) failed: {}", deliveryId, delivery.event(), why);
            deliveries.transition(deliveryId, DeliveryState.PROCESSING, DeliveryState.FAILED, why);
            metrics.delivery(delivery.event(), "failed");
        }
        wakeScheduler.run();
    }

    private void queue(Delivery delivery, Triggered t) {
        if (t.commit() == null) {
            return;
        }
        EventFacts facts = t.facts();
        claimGate.lock();
        try {
            for (TriggeredWorkflow w : t.workflows()) {
                Optional<Long> id = runs.enqueue(new NewRun(delivery.deliveryId(), facts.repository(), t.commit().sha(),
                        t.commit().ref(), w.path()));
                if (id.isEmpty()) {
                    continue; // queued before a crash; its reports were made then
                }
                switch (w) {
                    case TriggeredWorkflow.ToRun r -> reports.queued(runs.find(id.get()).orElseThrow(), facts);
                    case TriggeredWorkflow.Errored e -> {
                        runs.concludeQueued(id.get(), Conclusion.ERROR);
                        metrics.runConcluded(Conclusion.ERROR.name());
                        Run run = runs.find(id.get()).orElseThrow();
                        String problem = e.problems().isEmpty() ? "invalid workflow file"
                                : "invalid workflow file: " + e.problems().getFirst().message();
                        reports.concluded(run, facts, RunConclusion.ERROR, problem);
                    }
                }
            }
            reports.pullRequestComment(delivery.deliveryId(), facts);
        } finally {
            claimGate.unlock();
        }
    }
}
