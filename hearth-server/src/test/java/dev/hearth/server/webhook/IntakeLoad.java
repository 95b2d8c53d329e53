package dev.hearth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * push deliveries (every tenth sent twice, as a redelivery) at concurrency C against the real server
 * on a SQLite file, then the bad requests (malformed JSON, unsigned, wrongly signed, oversized, form
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
        DatabaseLocation location = DatabaseLocation.sqlite(folder.resolve("hearth.db"));
        AtomicInteger told = new AtomicInteger();
        try (Database db = Database.open(location);
                IntakeServer server = new IntakeServer(db, new IntakeSettings(Optional.of(new SignatureVerifier(SECRET)), LIMIT),
                        d -> told.incrementAndGet(), Clock.systemUTC())) {
            int port = server.start("127.0.0.1", 0);
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
            int warm = Integer.getInteger("intake.warm", 3000);
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

            DeliveryStore store = new DeliveryStore(db, Clock.systemUTC());
            assertThat(byStatus[2].get()).as("every delivery acknowledged").isEqualTo(ids.size());
            assertThat(store.countByState().get(DeliveryState.RECEIVED)).as("none lost, none twice").isEqualTo(n + (long) warm);
            assertThat(told.get()).isEqualTo(n + warm);

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
            assertThat(store.countByState().get(DeliveryState.RECEIVED)).isEqualTo(n + (long) warm);
        }
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
