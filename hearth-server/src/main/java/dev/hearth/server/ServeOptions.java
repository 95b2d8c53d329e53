package dev.hearth.server;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The server's operational knobs beyond {@link dev.hearth.server.config.ServerConfig}: how long a
 * shutdown waits for runs, how leases and retries of a dead node's runs work, and links and polling.
 *
 * @param shutdownGrace    on SIGTERM, running workflows get this long to finish before they are cancelled
 * @param lease            a run's claim, renewed at a third of it; a dead node's runs come back after it
 * @param maxAttempts      how often a run a dead node left is tried before it is concluded {@code error}
 * @param allowForksOnHost {@code HEARTH_ALLOW_FORKS_ON_HOST=true}: run fork pull requests on the host backend
 * @param publicUrl        {@code HEARTH_PUBLIC_URL}: the server's address for links in reports, or null
 * @param pollInterval     how often the scheduler looks at the queue unprompted
 * @param reportInterval   how often the outbox is drained
 * @param nodeId           {@code HEARTH_NODE_ID}: this node's lasting name, or null for host name plus data folder;
 *                         what a process of the same name held when it died is taken back at once at start
 * @param sandboxPool      {@code HEARTH_SANDBOX_POOL}: how many sandboxes of a VM backend to keep ready (0: none)
 */
public record ServeOptions(Duration shutdownGrace, Duration lease, int maxAttempts, boolean allowForksOnHost,
                           String publicUrl, Duration pollInterval, Duration reportInterval, String nodeId,
                           int sandboxPool) {

    /** The defaults, with the settings read from the environment. */
    public static ServeOptions fromEnvironment(Map<String, String> env) {
        boolean forks = "true".equals(env.getOrDefault("HEARTH_ALLOW_FORKS_ON_HOST", "").trim().toLowerCase(Locale.ROOT));
        String url = env.get("HEARTH_PUBLIC_URL");
        String node = env.get("HEARTH_NODE_ID");
        String pool = env.getOrDefault("HEARTH_SANDBOX_POOL", "").trim();
        int poolSize;
        try {
            poolSize = pool.isEmpty() ? 0 : Integer.parseInt(pool);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("HEARTH_SANDBOX_POOL must be a whole number, not '" + pool + "'");
        }
        if (poolSize < 0 || poolSize > 64) {
            throw new IllegalArgumentException("HEARTH_SANDBOX_POOL must be 0 to 64, not " + poolSize);
        }
        return new ServeOptions(Duration.ofSeconds(60), Duration.ofSeconds(60), 3, forks,
                url == null || url.isBlank() ? null : url.trim(), Duration.ofSeconds(1), Duration.ofMillis(500),
                node == null || node.isBlank() ? null : node.trim(), poolSize);
    }

    public ServeOptions withShutdownGrace(Duration grace) {
        return new ServeOptions(grace, lease, maxAttempts, allowForksOnHost, publicUrl, pollInterval, reportInterval, nodeId, sandboxPool);
    }

    public ServeOptions withLease(Duration l) {
        return new ServeOptions(shutdownGrace, l, maxAttempts, allowForksOnHost, publicUrl, pollInterval, reportInterval, nodeId, sandboxPool);
    }

    public ServeOptions withMaxAttempts(int n) {
        return new ServeOptions(shutdownGrace, lease, n, allowForksOnHost, publicUrl, pollInterval, reportInterval, nodeId, sandboxPool);
    }

    public ServeOptions withIntervals(Duration poll, Duration report) {
        return new ServeOptions(shutdownGrace, lease, maxAttempts, allowForksOnHost, publicUrl, poll, report, nodeId, sandboxPool);
    }
}
