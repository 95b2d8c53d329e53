package dev.hearth.server;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.pool.PooledBackend;
import dev.hearth.server.config.ServerConfig;
import dev.hearth.server.github.GitHubClient;
import dev.hearth.server.github.GitHubConfig;
import dev.hearth.server.github.ReportDispatcher;
import dev.hearth.server.github.ReportQueue;
import dev.hearth.server.github.Reporter;
import dev.hearth.server.github.RetryPolicy;
import dev.hearth.server.api.ApiToken;
import dev.hearth.server.api.RunsApi;
import dev.hearth.server.api.StoreRunControl;
import dev.hearth.server.metrics.ServerMetrics;
import dev.hearth.server.run.DeliveryProcessor;
import dev.hearth.server.run.Recovery;
import dev.hearth.server.run.RunReports;
import dev.hearth.server.run.RunSettings;
import dev.hearth.server.run.Scheduler;
import dev.hearth.server.run.WorkflowRunner;
import dev.hearth.server.source.RepositoryCache;
import dev.hearth.server.source.TokenSource;
import dev.hearth.server.source.TriggeredWorkflows;
import dev.hearth.server.store.Database;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.JobStore;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.OutboxReportQueue;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import dev.hearth.server.webhook.IntakeServer;
import dev.hearth.server.webhook.IntakeSettings;
import dev.hearth.server.webhook.SignatureVerifier;
import dev.hearth.workflow.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hearth serve} assembled: the database, the webhook intake, the delivery processor, the
 * scheduler running workflows through the engine, the outbox dispatcher reporting to GitHub, crash
 * recovery and {@code /metrics}. {@link #start} recovers what a dead process left, then opens the port;
 * {@link #close} stops intake first, lets running workflows finish within the grace period, then
 * cancels them, drains the reports it can and closes the database.
 */
public final class Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);

    private final ServerConfig config;
    private final ServeOptions options;
    private final Clock clock = Clock.systemUTC();
    private String owner;
    private Database database;
    private IntakeServer intake;
    private Scheduler scheduler;
    private PooledBackend pool;
    private AutoCloseable dispatcherHandle;
    private ReportDispatcher dispatcher;
    private Thread recoveryLoop;
    private int port = -1;
    private boolean closed;

    public Server(ServerConfig config, ServeOptions options) {
        this.config = config;
        this.options = options;
    }

    /** Starts everything; returns the port the intake listens on. */
    public synchronized int start() throws IOException {
        Path dataDir = config.dataDir().toAbsolutePath().normalize();
        Files.createDirectories(dataDir);
        Path workRoot = dataDir.resolve("work");
        int killed = Recovery.clearWorkRoot(workRoot);
        if (killed > 0) {
            LOG.info("killed {} leftover sandbox process(es)", killed);
        }
        // Leases and outbox claims are held in this process's name, which starts with the node's lasting
        // name: what earlier processes of this node held when they died is taken back at once below.
        String node = options.nodeId() != null ? options.nodeId() : hostName() + ":" + dataDir;
        String ownerPrefix = node + "#";
        owner = ownerPrefix + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        database = Database.open(config.database(), dataDir);
        DeliveryStore deliveries = new DeliveryStore(database, clock);
        RunStore runs = new RunStore(database, clock);
        ServerMetrics metrics = new ServerMetrics();

        Optional<GitHubConfig> github = GitHubConfig.from(config);
        Optional<OutboxReportQueue> outbox = github.map(g -> new OutboxReportQueue(database, clock, owner, Duration.ofMinutes(2)));
        outbox.ifPresent(o -> o.releaseClaimsOf(ownerPrefix));
        Optional<ReportQueue> queue = outbox.map(ReportQueue.class::cast);
        RunReports reports = new RunReports(queue, runs, github.map(GitHubConfig::checkRuns).orElse(false),
                options.publicUrl(), clock);
        Optional<GitHubClient> client = github.map(g -> GitHubClient.create(g, clock));
        if (client.isPresent()) {
            dispatcher = new ReportDispatcher(queue.get(),
                    new Reporter(client.get(), new RetryPolicy(RetryPolicy.Settings.defaults()), clock), clock, 20);
        } else {
            LOG.warn("neither GITHUB_TOKEN nor a GitHub App is configured: workflows run, nothing is reported to GitHub");
        }

        SandboxBackend backend = backend(config.backend());
        if (options.sandboxPool() > 0 && backend.info().isolation() == BackendInfo.Isolation.VM) {
            // sandboxes made ahead, so a workflow does not wait for its VM to come up
            PooledBackend pooled = new PooledBackend(backend, options.sandboxPool(), workRoot.resolve("pool"));
            pooled.warm(new PooledBackend.Shape("default", NetworkPolicy.NONE, ResourceLimits.NONE));
            pool = pooled;
            backend = pooled;
        }
        Map<String, String> secrets = config.githubToken().map(t -> Map.of("GITHUB_TOKEN", t)).orElse(Map.of());
        RunSettings settings = new RunSettings(workRoot, config.maxConcurrentWorkflows(), options.lease(),
                options.maxAttempts(), options.allowForksOnHost(), secrets, options.pollInterval());
        // git fetches with the token the API calls use: GITHUB_TOKEN, or the App's installation token
        TokenSource fetchTokens = client.<TokenSource>map(c -> repository -> fetchToken(c, repository))
                .orElse(TokenSource.NONE);
        RepositoryCache cache = new RepositoryCache(dataDir.resolve("repos"), config.allowLocalRepos(), fetchTokens);
        ReadOptions read = ReadOptions.defaults();
        WorkflowRunner runner = new WorkflowRunner(settings, owner, deliveries, runs, new JobStore(database, clock),
                new LogStore(database, clock), cache, read, backend, reports, metrics);
        ReentrantLock claimGate = new ReentrantLock();
        scheduler = new Scheduler(runs, runner, settings, owner, claimGate);
        DeliveryProcessor processor = new DeliveryProcessor(deliveries, runs, new TriggeredWorkflows(cache, read),
                reports, metrics, claimGate, scheduler::wake);
        Recovery recovery = new Recovery(runs, deliveries, reports, metrics, options.maxAttempts());
        metrics.queueDepth(() -> runs.countByState().get(RunState.QUEUED));
        metrics.runningWorkflows(scheduler::running);

        recovery.recoverAbandonedRuns(ownerPrefix);
        recovery.recoverExpiredRuns();
        if (dispatcher != null) {
            dispatcherHandle = dispatcher.start(options.reportInterval());
        }
        scheduler.start();
        // A dead node's lease may not have run out yet at start: look again every lease period.
        recoveryLoop = Thread.ofPlatform().daemon().name("hearth-recovery").start(() -> {
            while (true) {
                try {
                    Thread.sleep(options.lease());
                    if (!recovery.recoverExpiredRuns().requeued().isEmpty()) {
                        scheduler.wake();
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("recovering expired runs failed: {}", e.toString());
                }
            }
        });
        Thread.ofVirtual().name("hearth-waiting-deliveries").start(processor::processWaiting);

        IntakeSettings intakeSettings = new IntakeSettings(config.webhookSecret().map(SignatureVerifier::new),
                config.maxBodyBytes());
        intake = new IntakeServer(database, intakeSettings, processor, clock);
        intake.app().get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        // Cancel requests are stored; the scheduler of whichever node runs the workflow acts on them.
        new RunsApi(runs, new JobStore(database, clock), new LogStore(database, clock), new StoreRunControl(runs),
                ApiToken.from(System.getenv()), java.time.Duration.ofMillis(250), java.time.Duration.ofSeconds(15))
                .register(intake.app());
        port = intake.start("0.0.0.0", config.port());
        LOG.info("hearth serve listening on port {} ({}; backend {}, at most {} workflows at once)", port,
                config, backend.name(), config.maxConcurrentWorkflows());
        return port;
    }

    /** The port the intake listens on, once started. */
    public int port() {
        return port;
    }

    /** The server's database, for operators' tools and tests. */
    public Database database() {
        return database;
    }

    private static Optional<String> fetchToken(GitHubClient client, String repository) {
        try {
            return Optional.of(client.tokenFor(repository));
        } catch (RuntimeException e) {
            // e.g. the App is not installed on a public repository: an anonymous fetch may still work
            LOG.warn("no GitHub token for fetching {}: {}; fetching anonymously", repository, e.getMessage());
            return Optional.empty();
        }
    }

    /** The kernel's host name; no name lookup, which can hang for seconds on a badly set-up resolver. */
    private static String hostName() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static SandboxBackend backend(String name) {
        if (name.equals("auto")) {
            SandboxBackend preferred = Backends.preferred();
            if (preferred.name().equals("host")) {
                LOG.warn("bwrap is not available here: workflow steps run directly on the host");
            }
            return preferred;
        }
        SandboxBackend b = Backends.named(name);
        Availability a = b.availability();
        if (!a.available()) {
            throw new IllegalStateException("backend " + name + " is not available here: " + a.reason());
        }
        return b;
    }

    /** Stops intake, lets runs finish within the grace period (then cancels them), and closes the database. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (intake != null) {
            intake.close();
        }
        if (recoveryLoop != null) {
            recoveryLoop.interrupt();
        }
        if (scheduler != null) {
            scheduler.shutdown(options.shutdownGrace());
        }
        if (pool != null) {
            pool.close(); // the sandboxes still waiting for a workflow
        }
        if (dispatcherHandle != null) {
            try {
                dispatcherHandle.close();
                dispatcher.drainDue();
            } catch (Exception e) {
                LOG.warn("last drain of the report outbox failed; the reports stay queued: {}", e.toString());
            }
        }
        if (database != null) {
            database.close();
        }
    }
}
