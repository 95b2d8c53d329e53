package dev.hearth.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/** The server's meters in one Prometheus registry, with the names operators query. */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Timer sandboxAllocation;
    private final Timer workflowParse;

    public ServerMetrics() {
        sandboxAllocation = Timer.builder("hearth.sandbox.allocation")
                .description("Time to create a sandbox until it answers commands")
                .publishPercentileHistogram().register(registry);
        workflowParse = Timer.builder("hearth.workflow.parse")
                .description("Time to fetch a delivery's commit and read and match its workflows")
                .publishPercentileHistogram().register(registry);
    }

    /** A delivery was processed: {@code outcome} is done, failed or ignored. */
    public void delivery(String event, String outcome) {
        Counter.builder("hearth.deliveries").description("Webhook deliveries processed, by event and outcome")
                .tag("event", event).tag("outcome", outcome).register(registry).increment();
    }

    /** A run concluded. */
    public void runConcluded(String conclusion) {
        Counter.builder("hearth.runs").description("Workflow runs concluded, by conclusion")
                .tag("conclusion", conclusion.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** A step ended; success over all is the step success rate. */
    public void stepConcluded(String conclusion) {
        Counter.builder("hearth.steps").description("Steps ended, by conclusion")
                .tag("conclusion", conclusion.toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    public void sandboxAllocated(Duration took) {
        sandboxAllocation.record(took);
    }

    public void workflowsParsed(Duration took) {
        workflowParse.record(took);
    }

    /** Queued runs, read when scraped. */
    public void queueDepth(Supplier<Number> depth) {
        Gauge.builder("hearth.queue.depth", depth).description("Runs waiting for a slot").register(registry);
    }

    /** Runs this node is executing, read when scraped. */
    public void runningWorkflows(Supplier<Number> running) {
        Gauge.builder("hearth.running.workflows", running).description("Workflows running on this node")
                .register(registry);
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }
}
