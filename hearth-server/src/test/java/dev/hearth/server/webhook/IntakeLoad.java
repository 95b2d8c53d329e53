package dev.hearth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The intake's load bench (issue 5, acceptance 2), loopback only and bounded. Not part of the normal
 * build; run it with
 *
 * <pre>./mvnw -o -q -pl hearth-server -am test -Dtest=IntakeLoad -Dsurefire.failIfNoSpecifiedTests=false -DexcludedGroups=none -Dgroups=load</pre>
 *
 * ({@code -Dintake.n=2000 -Dintake.c=32 -Dintake.bad=1000} change the sizes). It fires N signed
 * push deliveries (every tenth sent twice, as a redelivery) at concurrency C against the real intake
 * on a SQLite file, in a JVM of its own ({@link IntakeBenchServer}) that is first warmed with deliveries
 * of its own as a long-running server is, then the bad requests (malformed JSON, unsigned, wrongly signed, oversized, form
 * encoded). It prints throughput and latency percentiles and asserts only correctness: every good
 * delivery acknowledged and stored once, no bad one accepted, no 5xx. Speed is reported, not asserted.
 */
@Tag("load")
class IntakeLoad {

    private static final String SECRET = "load-secret";
    private static final long LIMIT = 64 * 1024;

    @TempDir
    Path folder;

    @Test
    void signedDeliveriesAtConcurrencyThenBadRequests() throws Exception {
        int n = Integer.getInteger("intake.n", 2000);
        int concurrency = Integer.getInteger("intake.c", 32);
        int bad = Integer.getInteger("intake.bad", 1000);
        // A server runs for days; 20,000 deliveries (some 8 s here) bring its JIT to where it stays.
        int warm = Integer.getInteger("intake.warm", 20000);
        Path dbFile = folder.resolve("hearth.db");
        Path out = folder.resolve("server.log");
        Process server = startServer(dbFile, out);
        try {
            int port = Integer.parseInt(awaitLine(server, out, "port ").substring(5).trim());
            SignatureVerifier signer = new SignatureVerifier(SECRET);

            // A server runs for days: warm its JIT and the database with deliveries of its own first,
            // outside the measurement.
            List<byte[]> warmUp = new ArrayList<>();
            for (int i = 0; i < warm; i++) {
                warmUp.add(good(signer, "warm-up-" + i, i));
            }
            fire(port, concurrency, warmUp, 1);

            List<byte[]> deliveries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                deliveries.add(good(signer, "load-" + i, i));
                if (i % 10 == 0) {
                    deliveries.add(good(signer, "load-" + i, i)); // a redelivery
                }
            }
            // The client's own collector, due after the warm-up's garbage, would stall the load threads
            // mid-measurement and count as the server's latency: it runs now instead (as JMH does
            // between iterations). The server's collections stay in the figures: they are its own.
            System.gc();
            long serverCpu0 = cpuNanos(server.toHandle());
            long clientCpu0 = cpuNanos(ProcessHandle.current());
            long start = System.nanoTime();
            Fired fired = fire(port, concurrency, deliveries, 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            // where the machine's time went: the server's process and this (client) process
            double serverCpu = (cpuNanos(server.toHandle()) - serverCpu0) / 1e9;
            double clientCpu = (cpuNanos(ProcessHandle.current()) - clientCpu0) / 1e9;
            long[] latencies = fired.latencies().clone();
            Arrays.sort(latencies);
            System.out.printf("intake load: %d requests (%d distinct deliveries) at concurrency %d in %.2f s: %.0f req/s; "
                            + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; 2xx %d, 4xx %d, 5xx %d%n",
                    deliveries.size(), n, concurrency, seconds, deliveries.size() / seconds,
                    pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                    fired.byClass()[2].get(), fired.byClass()[4].get(), fired.byClass()[5].get());
            System.out.printf("intake load: latency p90 %.1f ms, p95 %.1f ms, p98 %.1f ms%n",
                    pct(latencies, 0.90), pct(latencies, 0.95), pct(latencies, 0.98));
            System.out.printf("intake load: CPU used while measuring: server %.2f s, client %.2f s (%d cores)%n",
                    serverCpu, clientCpu, Runtime.getRuntime().availableProcessors());
            assertThat(fired.byClass()[2].get()).as("every delivery acknowledged").isEqualTo(deliveries.size());

            List<byte[]> badRequests = new ArrayList<>();
            for (int i = 0; i < bad; i++) {
                badRequests.add(badRequest(signer, i));
            }
            long badStart = System.nanoTime();
            // an oversized body may be cut off while it is still being sent: that try is made again
            Fired refused = fire(port, concurrency, badRequests, 3);
            System.out.printf("intake load: %d bad requests in %.2f s: 2xx %d, 4xx %d, 5xx %d%n", bad,
                    (System.nanoTime() - badStart) / 1e9, refused.byClass()[2].get(), refused.byClass()[4].get(),
                    refused.byClass()[5].get());
            assertThat(refused.byClass()[2].get()).as("bad requests accepted").isZero();
            assertThat(refused.byClass()[5].get()).as("5xx for client mistakes").isZero();
            assertThat(refused.byClass()[4].get()).isEqualTo(bad);

            server.getOutputStream().close(); // tells the server to stop
            int told = Integer.parseInt(awaitLine(server, out, "told ").substring(5).trim());
            assertThat(server.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(told).as("each delivery handed on once").isEqualTo(n + warm);
        } finally {
            server.destroyForcibly();
        }
        try (Database db = Database.open(DatabaseLocation.sqlite(dbFile))) {
            assertThat(new DeliveryStore(db, Clock.systemUTC()).countByState().get(DeliveryState.RECEIVED))
                    .as("none lost, none twice, no bad one stored").isEqualTo(n + (long) warm);
        }
    }

    /** Each request's latency (ns, in the order given) and the answers counted by class (index 2 = 2xx). */
    private record Fired(long[] latencies, AtomicInteger[] byClass) {
    }

    /** Sends every request once over {@code concurrency} keep-alive connections, each taking the next. */
    private static Fired fire(int port, int concurrency, List<byte[]> requests, int tries) throws Exception {
        long[] latencies = new long[requests.size()];
        AtomicInteger[] byClass = new AtomicInteger[6];
        for (int i = 0; i < byClass.length; i++) {
            byClass[i] = new AtomicInteger();
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    try (LoadConnection connection = new LoadConnection(port)) {
                        for (int i; (i = next.getAndIncrement()) < requests.size(); ) {
                            long t0 = System.nanoTime();
                            int status = send(connection, requests.get(i), tries);
                            latencies[i] = System.nanoTime() - t0;
                            byClass[status / 100].incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
        }
        return new Fired(latencies, byClass);
    }

    private static int send(LoadConnection connection, byte[] request, int tries) throws IOException {
        for (int i = 1; ; i++) {
            try {
                return connection.send(request);
            } catch (IOException e) {
                if (i >= tries) {
                    throw e;
                }
            }
        }
    }

    /**
     * The intake in a JVM of its own, with the options {@code ./hearth serve} gives its JVM
     * ({@code serve-jvm.options}); {@code -Dintake.jvm="..."} replaces them.
     */
    private static Process startServer(Path dbFile, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path serveOptions = Path.of("serve-jvm.options");
        String options = System.getProperty("intake.jvm",
                Files.isRegularFile(serveOptions) ? Files.readString(serveOptions).strip() : "");
        for (String option : options.split("\\s+")) {
            if (!option.isBlank()) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), IntakeBenchServer.class.getName(),
                dbFile.toString(), SECRET, Long.toString(LIMIT)));
        // its output goes to a file: a pipe nobody reads during the load could fill and stall it
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }

    /** Waits for the server to print the line starting with {@code prefix}, and returns it. */
    private static String awaitLine(Process server, Path out, String prefix) throws Exception {
        for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline; ) {
            for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!server.isAlive() && server.exitValue() != 0) {
                break;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the server did not print '" + prefix + "...': " + Files.readString(out));
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static byte[] good(SignatureVerifier signer, String id, int i) {
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"%040d\",\"repository\":{\"full_name\":\"octo/hello\"},"
                + "\"commits\":[{\"id\":\"%040d\",\"added\":[\"src/A.java\"],\"modified\":[],\"removed\":[]}]}")
                .formatted(i, i).getBytes(StandardCharsets.UTF_8);
        return request(id, "application/json", body, signer.header(body));
    }

    private static byte[] badRequest(SignatureVerifier signer, int i) {
        String id = "bad-" + i;
        return switch (i % 5) {
            case 0 -> { // malformed JSON, correctly signed
                byte[] body = "{\"ref\": [".getBytes(StandardCharsets.UTF_8);
                yield request(id, "application/json", body, signer.header(body));
            }
            case 1 -> request(id, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null); // unsigned
            case 2 -> { // signed with another secret
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                yield request(id, "application/json", body, new SignatureVerifier("other").header(body));
            }
            case 3 -> { // over the size limit
                byte[] body = new byte[(int) LIMIT + 1];
                Arrays.fill(body, (byte) ' ');
                yield request(id, "application/json", body, signer.header(body));
            }
            default -> { // form encoded, as a webhook set up with the wrong content type sends
                byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
                yield request(id, "application/x-www-form-urlencoded", body, signer.header(body));
            }
        };
    }

    private static byte[] request(String id, String contentType, byte[] body, String signature) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        headers.put("X-GitHub-Event", "push");
        headers.put("X-GitHub-Delivery", id);
        if (signature != null) {
            headers.put("X-Hub-Signature-256", signature);
        }
        return LoadConnection.request("/webhook", headers, body);
    }
}
