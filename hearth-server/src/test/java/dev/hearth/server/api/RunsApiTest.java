package dev.hearth.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.server.store.Conclusion;
import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.JobStore;
import dev.hearth.server.store.LogStore;
import dev.hearth.server.store.NewDelivery;
import dev.hearth.server.store.NewRun;
import dev.hearth.server.store.Run;
import dev.hearth.server.store.RunState;
import dev.hearth.server.store.RunStore;
import dev.hearth.server.webhook.IntakeServer;
import dev.hearth.server.webhook.IntakeSettings;
import dev.hearth.server.webhook.SignatureVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs API over real HTTP, on the intake's Javalin app on a random port, against a real SQLite file. */
class RunsApiTest {

    private static final String TOKEN = "s3cret-api-token";
    private static final Duration LEASE = Duration.ofMinutes(5);

    @TempDir
    Path folder;

    private Database db;
    private IntakeServer server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String base;
    private RunStore runs;
    private JobStore jobs;
    private LogStore logs;
    private DeliveryStore deliveries;

    @BeforeEach
    void start() {
        db = Database.open(DatabaseLocation.sqlite(folder.resolve("hearth.db")));
        Clock clock = Clock.systemUTC();
        runs = new RunStore(db, clock);
        jobs = new JobStore(db, clock);
        logs = new LogStore(db, clock);
        deliveries = new DeliveryStore(db, clock);
        server = new IntakeServer(db, new IntakeSettings(Optional.of(new SignatureVerifier("webhook-secret")), 1 << 20),
                d -> { }, clock);
        new RunsApi(runs, jobs, logs, new StoreRunControl(runs), new ApiToken(Optional.of(TOKEN)),
                Duration.ofMillis(20), Duration.ofMillis(200)).register(server.app());
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        db.close();
    }

    private String delivery(String id) {
        deliveries.insertIfAbsent(new NewDelivery(id, "push", null, java.time.Instant.now(),
                "{\"ref\":\"refs/heads/main\"}", DeliveryState.DONE));
        return id;
    }

    private long queue(String delivery, String repository, String workflow) {
        return runs.enqueue(new NewRun(delivery, repository, "c".repeat(40), "refs/heads/main", workflow)).orElseThrow();
    }

    /** Claims the oldest queued run, which the tests arrange to be {@code expected}. */
    private void claim(long expected) {
        assertThat(runs.claimNext("node-1", LEASE).orElseThrow().id()).isEqualTo(expected);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode body(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return json.readTree(response.body());
    }

    @Test
    void listsRunsNewestFirstWithFiltersAndPages() throws Exception {
        String d = delivery("d-1");
        long a = queue(d, "octo/one", "a.yml");
        long b = queue(d, "octo/one", "b.yml");
        long c = queue(delivery("d-2"), "octo/two", "c.yml");
        claim(a);
        runs.complete(a, "node-1", Conclusion.FAILURE);

        HttpResponse<String> all = get("/api/runs");
        assertThat(all.statusCode()).isEqualTo(200);
        JsonNode page = body(all);
        assertThat(page.get("totalCount").asLong()).isEqualTo(3);
        assertThat(ids(page)).containsExactly(c, b, a);
        JsonNode first = page.get("runs").get(2);
        assertThat(first.get("state").asText()).isEqualTo("completed");
        assertThat(first.get("conclusion").asText()).isEqualTo("failure");
        assertThat(first.get("workflowPath").asText()).isEqualTo("a.yml");
        assertThat(first.get("repository").asText()).isEqualTo("octo/one");
        assertThat(first.has("leaseOwner")).as("lease details stay internal").isFalse();

        assertThat(ids(body(get("/api/runs?per_page=2&page=2")))).containsExactly(a);
        assertThat(ids(body(get("/api/runs?repository=octo/one")))).containsExactly(b, a);
        assertThat(ids(body(get("/api/runs?state=queued")))).containsExactly(c, b);
        assertThat(ids(body(get("/api/runs?conclusion=FAILURE&repository=octo/one")))).containsExactly(a);
        assertThat(body(get("/api/runs?repository=octo/none")).get("totalCount").asLong()).isZero();
    }

    @Test
    void answersBadFiltersAndIdsWith400AndUnknownRunsWith404() throws Exception {
        for (String path : List.of("/api/runs?state=sleeping", "/api/runs?conclusion=meh", "/api/runs?page=0",
                "/api/runs?per_page=1000", "/api/runs?page=two", "/api/runs/abc", "/api/runs/-3", "/api/runs/abc/logs")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(body(r).get("message").asText()).as(path).isNotBlank();
        }
        assertThat(body(get("/api/runs?state=sleeping")).get("message").asText()).contains("queued, running, completed");
        for (String path : List.of("/api/runs/999", "/api/runs/999/logs", "/api/runs/999/logs/follow")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(body(r).get("message").asText()).isEqualTo("no run 999");
        }
        assertThat(post("/api/runs/999/cancel", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(post("/api/runs/999/rerun", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void getsARunWithItsJobsAndStepsAndItsLogAsPlainText() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", ".github/workflows/ci.yml");
        claim(id);
        long build = jobs.addJob(id, "build", "build (linux)");
        long lint = jobs.addJob(id, "lint", "lint");
        long checkout = jobs.addStep(build, 1, "Checkout");
        long make = jobs.addStep(build, 2, "Run make");
        jobs.startJob(build);
        jobs.startStep(checkout);
        jobs.completeStep(checkout, Conclusion.SUCCESS);
        jobs.startStep(make);
        logs.append(id, build, checkout, 1, "Cloning octo/one\n");
        logs.append(id, build, make, 1, "token=***\n");
        logs.append(id, build, make, 2, "make: done\n");

        JsonNode run = body(get("/api/runs/" + id));
        assertThat(run.get("state").asText()).isEqualTo("running");
        assertThat(run.get("conclusion").isNull()).isTrue();
        assertThat(run.get("sha").asText()).isEqualTo("c".repeat(40));
        assertThat(run.get("cancelRequestedAt").isNull()).isTrue();
        JsonNode jobList = run.get("jobs");
        assertThat(jobList).hasSize(2);
        assertThat(jobList.get(0).get("key").asText()).isEqualTo("build");
        assertThat(jobList.get(0).get("name").asText()).isEqualTo("build (linux)");
        assertThat(jobList.get(0).get("state").asText()).isEqualTo("running");
        assertThat(jobList.get(1).get("key").asText()).isEqualTo("lint");
        assertThat(jobList.get(1).get("steps")).isEmpty();
        JsonNode steps = jobList.get(0).get("steps");
        assertThat(steps).hasSize(2);
        assertThat(steps.get(0).get("name").asText()).isEqualTo("Checkout");
        assertThat(steps.get(0).get("conclusion").asText()).isEqualTo("success");
        assertThat(steps.get(0).get("durationMs").isNumber()).isTrue();
        assertThat(steps.get(1).get("number").asInt()).isEqualTo(2);
        assertThat(steps.get(1).get("state").asText()).isEqualTo("running");
        assertThat(lint).isPositive();

        HttpResponse<String> text = get("/api/runs/" + id + "/logs");
        assertThat(text.statusCode()).isEqualTo(200);
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(text.body()).isEqualTo("Cloning octo/one\ntoken=***\nmake: done\n");
    }

    @Test
    void followsALogLiveUntilTheRunCompletes() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", "ci.yml");
        claim(id);
        long job = jobs.addJob(id, "build", "build");
        long step = jobs.addStep(job, 1, "Run");
        logs.append(id, job, step, 1, "first line\n");
        logs.append(id, job, step, 2, "progress 50%\rprogress 100%\n");

        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id + "/logs/follow")).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
        List<String> lines = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));

        await().until(() -> dataOf(lines, "log").size() == 2);
        // Appended while the client follows: they arrive on the same stream.
        logs.append(id, job, step, 3, "second batch\n");
        long last = logs.append(id, job, step, 4, "third batch\n");
        await().until(() -> dataOf(lines, "log").size() == 4);
        assertThat(reading).isNotDone();
        // Wait through a heartbeat: the stream stays open while the run runs.
        await().until(() -> lines.contains(": keep-alive"));

        runs.complete(id, "node-1", Conclusion.SUCCESS);
        reading.get(30, java.util.concurrent.TimeUnit.SECONDS); // the server closes the stream at the end

        List<JsonNode> chunks = dataOf(lines, "log");
        assertThat(chunks).extracting(n -> n.get("text").asText())
                .containsExactly("first line\n", "progress 50%\rprogress 100%\n", "second batch\n", "third batch\n");
        assertThat(chunks.get(0).get("stepId").asLong()).isEqualTo(step);
        assertThat(chunks.get(0).get("jobId").asLong()).isEqualTo(job);
        assertThat(lines).contains("id: " + last);
        List<JsonNode> end = dataOf(lines, "end");
        assertThat(end).hasSize(1);
        assertThat(end.get(0).get("conclusion").asText()).isEqualTo("success");
    }

    @Test
    void aFollowerResumesAfterLastEventIdAndACompletedRunEndsAtOnce() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", "ci.yml");
        claim(id);
        long seen = logs.append(id, null, null, 1, "before\n");
        logs.append(id, null, null, 2, "after\n");
        runs.complete(id, "node-1", Conclusion.FAILURE);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/runs/" + id + "/logs/follow"))
                .header("Last-Event-ID", Long.toString(seen)).GET().build(), HttpResponse.BodyHandlers.ofString());

        List<String> lines = response.body().lines().toList();
        assertThat(dataOf(lines, "log")).extracting(n -> n.get("text").asText()).containsExactly("after\n");
        assertThat(dataOf(lines, "end")).singleElement().satisfies(n -> assertThat(n.get("conclusion").asText()).isEqualTo("failure"));
    }

    @Test
    void cancelAndRerunNeedTheBearerToken() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", "ci.yml");
        for (String action : List.of("cancel", "rerun")) {
            HttpResponse<String> none = post("/api/runs/" + id + "/" + action, null);
            assertThat(none.statusCode()).as(action).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).as(action).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(post("/api/runs/" + id + "/" + action, "Basic " + TOKEN).statusCode()).as(action).isEqualTo(401);
            assertThat(post("/api/runs/" + id + "/" + action, "Bearer wrong").statusCode()).as(action).isEqualTo(403);
            assertThat(post("/api/runs/" + id + "/" + action, "Bearer " + TOKEN + "x").statusCode()).as(action).isEqualTo(403);
            // Unknown runs too: an unauthenticated caller does not learn which runs exist.
            assertThat(post("/api/runs/999/" + action, null).statusCode()).as(action).isEqualTo(401);
        }
        assertThat(runs.find(id).orElseThrow().state()).as("nothing changed").isEqualTo(RunState.QUEUED);
        assertThat(runs.page(new dev.hearth.server.store.RunQuery(null, null, null, 1, 10)).total()).isEqualTo(1);
    }

    @Test
    void withoutAConfiguredTokenNothingMayChangeState() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", "ci.yml");
        server.close();
        server = new IntakeServer(db, new IntakeSettings(Optional.of(new SignatureVerifier("webhook-secret")), 1 << 20),
                d -> { }, Clock.systemUTC());
        new RunsApi(runs, jobs, logs, new StoreRunControl(runs), new ApiToken(Optional.empty()),
                Duration.ofMillis(20), Duration.ofMillis(200)).register(server.app());
        base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);

        HttpResponse<String> r = post("/api/runs/" + id + "/cancel", "Bearer anything");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(body(r).get("message").asText()).contains("HEARTH_API_TOKEN");
        assertThat(get("/api/runs/" + id).statusCode()).as("reading stays open").isEqualTo(200);
        assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.QUEUED);
    }

    @Test
    void cancelConcludesAQueuedRunAndRecordsARequestForARunningOne() throws Exception {
        String d = delivery("d-1");
        long running = queue(d, "octo/one", "a.yml");
        long queued = queue(d, "octo/one", "b.yml");
        claim(running);
        String auth = "Bearer " + TOKEN;

        HttpResponse<String> q = post("/api/runs/" + queued + "/cancel", auth);
        assertThat(q.statusCode()).isEqualTo(200);
        Run cancelled = runs.find(queued).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(RunState.COMPLETED);
        assertThat(cancelled.conclusion()).isEqualTo(Conclusion.CANCELLED);

        HttpResponse<String> r = post("/api/runs/" + running + "/cancel", auth);
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(runs.cancelRequested(running)).isPresent();
        assertThat(runs.find(running).orElseThrow().state()).as("its node stops it").isEqualTo(RunState.RUNNING);
        assertThat(body(get("/api/runs/" + running)).get("cancelRequestedAt").isTextual()).isTrue();
        assertThat(post("/api/runs/" + running + "/cancel", auth).statusCode()).as("asking twice is the same").isEqualTo(202);

        HttpResponse<String> done = post("/api/runs/" + queued + "/cancel", auth);
        assertThat(done.statusCode()).isEqualTo(409);
        assertThat(body(done).get("message").asText()).contains("already completed");
    }

    @Test
    void rerunQueuesANewRunOfACompletedRunsWorkflow() throws Exception {
        long id = queue(delivery("d-1"), "octo/one", ".github/workflows/ci.yml");
        String auth = "Bearer " + TOKEN;
        HttpResponse<String> early = post("/api/runs/" + id + "/rerun", auth);
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(body(early).get("message").asText()).contains("not completed");
        claim(id);
        runs.complete(id, "node-1", Conclusion.FAILURE);

        HttpResponse<String> r = post("/api/runs/" + id + "/rerun", auth);
        assertThat(r.statusCode()).isEqualTo(201);
        long again = body(r).get("runId").asLong();
        assertThat(again).isNotEqualTo(id);
        assertThat(r.headers().firstValue("Location")).contains("/api/runs/" + again);
        JsonNode rerun = body(get("/api/runs/" + again));
        assertThat(rerun.get("state").asText()).isEqualTo("queued");
        assertThat(rerun.get("workflowPath").asText()).isEqualTo(".github/workflows/ci.yml");
        assertThat(rerun.get("sha").asText()).isEqualTo("c".repeat(40));
        assertThat(rerun.get("deliveryId").asText()).startsWith("d-1:rerun:");
        // The scheduler picks it up like any queued run.
        assertThat(runs.claimNext("node-2", LEASE).orElseThrow().id()).isEqualTo(again);
    }

    private List<Long> ids(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.get("runs").forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    /** The JSON data of the events of one type, in order, from the lines of an event stream. */
    private List<JsonNode> dataOf(List<String> lines, String event) {
        List<JsonNode> found = new ArrayList<>();
        String current = null;
        for (String line : List.copyOf(lines)) {
            if (line.isEmpty()) {
                current = null;
            } else if (line.startsWith("event: ")) {
                current = line.substring(7);
            } else if (line.startsWith("data: ") && event.equals(current)) {
                try {
                    found.add(json.readTree(line.substring(6)));
                } catch (IOException e) {
                    throw new AssertionError("not JSON: " + line, e);
                }
            }
        }
        return found;
    }
}
