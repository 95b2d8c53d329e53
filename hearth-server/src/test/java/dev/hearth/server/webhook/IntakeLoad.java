package dev.hearth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        int warm = Integer.getInteger("intake.warm", 3000);
        Path dbFile = folder.resolve("hearth.db");
        Path out = folder.resolve("server.log");
        Process server = startServer(dbFile, out);
        try {
            int port = Integer.parseInt(awaitLine(server, out, "port ").substring(5).trim());
            URI uri = URI.create("http://127.0.0.1:" + port + "/webhook");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            SignatureVerifier signer = new SignatureVerifier(SECRET);

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add("load-" + i);
                if (i % 10 == 0) {
                    ids.add("load-" + i);
                }
            }
            // A server runs for days: warm the JIT (server and client share this JVM), the connection pool
            // and the database with deliveries of their own first, outside the measurement.
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < warm; i++) {
                    int index = i;
                    futures.add(pool.submit(() -> send(http, good(uri, signer, "warm-up-" + index, index), 1)));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }

            long[] latencies = new long[ids.size()];
            AtomicInteger[] byStatus = statusCounters();
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    int index = i;
                    futures.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        int status = send(http, good(uri, signer, ids.get(index), index), 1);
                        latencies[index] = System.nanoTime() - t0;
                        byStatus[status / 100].incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            System.out.printf("intake load: %d requests (%d distinct deliveries) at concurrency %d in %.2f s: %.0f req/s; "
                            + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; 2xx %d, 4xx %d, 5xx %d%n",
                    ids.size(), n, concurrency, seconds, ids.size() / seconds,
                    pct(latencies, 0.50), pct(latencies, 0.99), latencies[latencies.length - 1] / 1e6,
                    byStatus[2].get(), byStatus[4].get(), byStatus[5].get());

            assertThat(byStatus[2].get()).as("every delivery acknowledged").isEqualTo(ids.size());

            AtomicInteger[] badStatus = statusCounters();
            long badStart = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
                List<Future<?>> futures = new ArrayList<>();
                for (int i = 0; i < bad; i++) {
                    HttpRequest request = badRequest(uri, signer, i);
                    futures.add(pool.submit(() -> {
                        badStatus[send(http, request, 3) / 100].incrementAndGet();
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            System.out.printf("intake load: %d bad requests in %.2f s: 2xx %d, 4xx %d, 5xx %d%n", bad,
                    (System.nanoTime() - badStart) / 1e9, badStatus[2].get(), badStatus[4].get(), badStatus[5].get());
            assertThat(badStatus[2].get()).as("bad requests accepted").isZero();
            assertThat(badStatus[5].get()).as("5xx for client mistakes").isZero();
            assertThat(badStatus[4].get()).isEqualTo(bad);

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

    /** The intake in a JVM of its own; {@code -Dintake.jvm="..."} adds options to it. */
    private static Process startServer(Path dbFile, Path out) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty("intake.jvm", "").split("\\s+")) {
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

    private static AtomicInteger[] statusCounters() {
        AtomicInteger[] counters = new AtomicInteger[6];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new AtomicInteger();
        }
        return counters;
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** Sends and returns the status; a request the server cut short (an oversized body) is retried. */
    private static int send(HttpClient http, HttpRequest request, int tries) throws Exception {
        for (int i = 1; ; i++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (java.io.IOException e) {
                if (i >= tries) {
                    throw e;
                }
            }
        }
    }

    private static HttpRequest good(URI uri, SignatureVerifier signer, String id, int i) {
        byte[] body = ("{\"ref\":\"refs/heads/main\",\"after\":\"%040d\",\"repository\":{\"full_name\":\"octo/hello\"},"
                + "\"commits\":[{\"id\":\"%040d\",\"added\":[\"src/A.java\"],\"modified\":[],\"removed\":[]}]}")
                .formatted(i, i).getBytes(StandardCharsets.UTF_8);
        return request(uri, id, "application/json", body).header("X-Hub-Signature-256", signer.header(body)).build();
    }

    private static HttpRequest badRequest(URI uri, SignatureVerifier signer, int i) {
        String id = "bad-" + i;
        return switch (i % 5) {
            case 0 -> { // malformed JSON, correctly signed
                byte[] body = "{\"ref\": [".getBytes(StandardCharsets.UTF_8);
                yield request(uri, id, "application/json", body).header("X-Hub-Signature-256", signer.header(body)).build();
            }
            case 1 -> request(uri, id, "application/json", "{}".getBytes(StandardCharsets.UTF_8)).build(); // unsigned
            case 2 -> { // signed with another secret
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                yield request(uri, id, "application/json", body)
                        .header("X-Hub-Signature-256", new SignatureVerifier("other").header(body)).build();
            }
            case 3 -> { // over the size limit
                byte[] body = new byte[(int) LIMIT + 1];
                Arrays.fill(body, (byte) ' ');
                yield request(uri, id, "application/json", body).header("X-Hub-Signature-256", signer.header(body)).build();
            }
            default -> { // form encoded, as a webhook set up with the wrong content type sends
                byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
                yield request(uri, id, "application/x-www-form-urlencoded", body)
                        .header("X-Hub-Signature-256", signer.header(body)).build();
            }
        };
    }

    private static HttpRequest.Builder request(URI uri, String id, String contentType, byte[] body) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .header("X-GitHub-Event", "push")
                .header("X-GitHub-Delivery", id)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }
}
