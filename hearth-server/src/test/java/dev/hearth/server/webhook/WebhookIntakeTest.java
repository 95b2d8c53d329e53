package dev.hearth.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.server.store.Database;
import dev.hearth.server.store.DatabaseLocation;
import dev.hearth.server.store.Delivery;
import dev.hearth.server.store.DeliveryState;
import dev.hearth.server.store.DeliveryStore;
import dev.hearth.server.store.NewDelivery;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The intake over real HTTP against a real SQLite file. */
class WebhookIntakeTest {

    private static final String SECRET = "It's a Secret to Everybody";
    private static final long LIMIT = 256 * 1024;
    private static final String PUSH = """
            {"ref":"refs/heads/main","after":"%s","repository":{"full_name":"octo/hello","clone_url":"https://github.com/octo/hello.git"},
             "head_commit":{"id":"%s","message":"BODY-MARKER"}}""".formatted("c".repeat(40), "c".repeat(40));

    @TempDir
    Path folder;

    private Database db;
    private Database otherConnection;
    private IntakeServer server;
    private int port;
    private WebhookClient client;
    private final List<NewDelivery> told = new CopyOnWriteArrayList<>();
    private final Map<String, Boolean> committedWhenTold = new ConcurrentHashMap<>();
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        DatabaseLocation location = DatabaseLocation.sqlite(folder.resolve("hearth.db"));
        db = Database.open(location);
        // A second pool on the same file sees only what the intake committed.
        otherConnection = Database.open(location);
        DeliveryStore committed = new DeliveryStore(otherConnection, Clock.systemUTC());
        DeliveryListener listener = d -> {
            committedWhenTold.put(d.deliveryId(), committed.find(d.deliveryId()).isPresent());
            told.add(d);
        };
        server = new IntakeServer(db, new IntakeSettings(Optional.of(new SignatureVerifier(SECRET)), LIMIT), listener, Clock.systemUTC());
        port = server.start("127.0.0.1", 0);
        client = new WebhookClient(port, SECRET);
        Logger handlerLog = (Logger) LoggerFactory.getLogger(WebhookHandler.class);
        handlerLog.setLevel(Level.INFO);
        handlerLog.setAdditive(false); // captured here, not printed
        logs = new ListAppender<>();
        logs.start();
        handlerLog.addAppender(logs);
    }

    @AfterEach
    void stop() {
        Logger handlerLog = (Logger) LoggerFactory.getLogger(WebhookHandler.class);
        handlerLog.detachAppender(logs);
        handlerLog.setLevel(null);
        handlerLog.setAdditive(true);
        server.close();
        otherConnection.close();
        db.close();
    }

    private Optional<Delivery> stored(String id) {
        return new DeliveryStore(otherConnection, Clock.systemUTC()).find(id);
    }

    @Test
    void aSignedPushIsCommittedBeforeItIsAcceptedAndTheListenerIsTold() throws Exception {
        HttpResponse<String> r = client.send("push", "d-push", PUSH);

        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("\"accepted\"").contains("d-push");
        Delivery d = stored("d-push").orElseThrow(() -> new AssertionError("not committed when answered"));
        assertThat(d.state()).isEqualTo(DeliveryState.RECEIVED);
        assertThat(d.event()).isEqualTo("push");
        assertThat(d.body()).isEqualTo(PUSH);
        assertThat(told).extracting(NewDelivery::deliveryId).containsExactly("d-push");
        assertThat(committedWhenTold).containsEntry("d-push", true);
    }

    @Test
    void routesByEventAndAction() throws Exception {
        assertThat(client.send("pull_request", "pr-open", "{\"action\":\"opened\",\"number\":1}").statusCode()).isEqualTo(202);
        assertThat(client.send("pull_request", "pr-sync", "{\"action\":\"synchronize\",\"number\":1}").statusCode()).isEqualTo(202);
        assertThat(client.send("pull_request", "pr-reopen", "{\"action\":\"reopened\",\"number\":1}").statusCode()).isEqualTo(202);
        assertThat(client.send("workflow_dispatch", "wd", "{\"ref\":\"refs/heads/main\",\"inputs\":{}}").statusCode()).isEqualTo(202);
        HttpResponse<String> closed = client.send("pull_request", "pr-closed", "{\"action\":\"closed\",\"number\":1}");
        HttpResponse<String> issues = client.send("issues", "issue", "{\"action\":\"opened\"}");
        HttpResponse<String> ping = client.send("ping", "ping-1", "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}");

        assertThat(closed.statusCode()).isEqualTo(202);
        assertThat(closed.body()).contains("ignored");
        assertThat(issues.statusCode()).isEqualTo(202);
        assertThat(issues.body()).contains("ignored");
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).contains("pong");
        assertThat(told).extracting(NewDelivery::deliveryId).containsExactlyInAnyOrder("pr-open", "pr-sync", "pr-reopen", "wd");
        assertThat(stored("pr-open").orElseThrow().action()).isEqualTo("opened");
        assertThat(stored("pr-closed").orElseThrow().state()).isEqualTo(DeliveryState.IGNORED);
        assertThat(stored("issue").orElseThrow().state()).isEqualTo(DeliveryState.IGNORED);
        assertThat(stored("wd").orElseThrow().state()).isEqualTo(DeliveryState.RECEIVED);
    }

    @Test
    void aRedeliveryIsAnsweredButNotStoredOrRunTwice() throws Exception {
        assertThat(client.send("push", "d-1", PUSH).statusCode()).isEqualTo(202);
        HttpResponse<String> again = client.send("push", "d-1", PUSH);

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("already received");
        assertThat(told).hasSize(1);
    }

    @Test
    void refusesMissingAndWrongSignatures() throws Exception {
        byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> unsigned = client.send(client.builder("push", "u-1", "application/json"), body);
        HttpResponse<String> otherSecret = client.send(client.builder("push", "u-2", "application/json")
                .header("X-Hub-Signature-256", new SignatureVerifier("wrong").header(body)), body);
        HttpResponse<String> tampered = client.send(client.builder("push", "u-3", "application/json")
                .header("X-Hub-Signature-256", client.signature(body)), PUSH.replace("main", "evil").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> garbage = client.send(client.builder("push", "u-4", "application/json")
                .header("X-Hub-Signature-256", "sha256=zz"), body);
        HttpResponse<String> sha1 = client.send(client.builder("push", "u-5", "application/json")
                .header("X-Hub-Signature-256", "sha1=" + "0".repeat(40)), body);

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(otherSecret.statusCode()).isEqualTo(403);
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(garbage.statusCode()).isEqualTo(403);
        assertThat(sha1.statusCode()).isEqualTo(403);
        assertThat(new DeliveryStore(otherConnection, Clock.systemUTC()).countByState().values()).containsOnly(0L);
        assertThat(told).isEmpty();
    }

    @Test
    void refusesContentTypesOtherThanJson() throws Exception {
        byte[] body = "payload=%7B%7D".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> form = client.send(client.builder("push", "f-1", "application/x-www-form-urlencoded")
                .header("X-Hub-Signature-256", client.signature(body)), body);
        HttpResponse<String> none = client.send(client.builder("push", "f-2", null)
                .header("X-Hub-Signature-256", client.signature(body)), body);
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> withCharset = client.send(client.builder("push", "f-3", "application/json; charset=utf-8")
                .header("X-Hub-Signature-256", client.signature(json)), json);

        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.body()).contains("application/json");
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(withCharset.statusCode()).isEqualTo(202);
    }

    @Test
    void refusesBodiesOverTheLimitWhetherTheirLengthIsDeclaredOrNot() throws Exception {
        byte[] big = new byte[(int) LIMIT + 1];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        HttpResponse<String> declared = client.send(client.builder("push", "big-1", "application/json")
                .header("X-Hub-Signature-256", client.signature(big)), big);
        HttpResponse<String> chunked = client.sendChunked(client.builder("push", "big-2", "application/json")
                .header("X-Hub-Signature-256", client.signature(big)), big);
        byte[] justFits = Arrays.copyOf(big, (int) LIMIT);
        justFits[justFits.length - 1] = '}';
        HttpResponse<String> atLimit = client.send(client.builder("push", "big-3", "application/json")
                .header("X-Hub-Signature-256", client.signature(justFits)), justFits);

        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(atLimit.statusCode()).isEqualTo(202);
        assertThat(stored("big-1")).isEmpty();
        assertThat(stored("big-2")).isEmpty();
    }

    @Test
    void refusesMalformedJsonAndMissingHeadersWith400() throws Exception {
        assertThat(client.send("push", "j-1", "{\"ref\": ").statusCode()).isEqualTo(400);
        assertThat(client.send("push", "j-2", "[1,2]").statusCode()).isEqualTo(400);
        assertThat(client.send("push", "j-3", "").statusCode()).isEqualTo(400);
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(client.send(client.builder(null, "j-4", "application/json")
                .header("X-Hub-Signature-256", client.signature(body)), body).statusCode()).isEqualTo(400);
        assertThat(client.send(client.builder("push", null, "application/json")
                .header("X-Hub-Signature-256", client.signature(body)), body).statusCode()).isEqualTo(400);
        assertThat(client.send("push", "bad id with spaces", "{}").statusCode()).isEqualTo(400);
        assertThat(told).isEmpty();
    }

    @Test
    void manyDeliveriesAtOnceAreAllStoredExactlyOnce() throws Exception {
        int distinct = 150;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < distinct; i++) {
            ids.add("c-" + i);
            if (i % 3 == 0) {
                ids.add("c-" + i); // a redelivery racing the first
            }
        }
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (String id : ids) {
                answers.add(pool.submit(() -> client.send("push", id, PUSH)));
            }
            int accepted = 0;
            int duplicates = 0;
            for (Future<HttpResponse<String>> f : answers) {
                int status = f.get().statusCode();
                assertThat(status).isIn(200, 202);
                accepted += status == 202 ? 1 : 0;
                duplicates += status == 200 ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(distinct);
            assertThat(duplicates).isEqualTo(ids.size() - distinct);
        }
        assertThat(new DeliveryStore(otherConnection, Clock.systemUTC()).countByState()).containsEntry(DeliveryState.RECEIVED, (long) distinct);
        assertThat(told).hasSize(distinct);
        assertThat(committedWhenTold.values()).containsOnly(true);
    }

    @Test
    void logsNeitherTheSecretNorBodies() throws Exception {
        client.send("push", "log-1", PUSH);
        client.send("push", "log-1", PUSH);
        byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
        client.send(client.builder("push", "log-2", "application/json")
                .header("X-Hub-Signature-256", new SignatureVerifier("wrong").header(body)), body);

        assertThat(logs.list).isNotEmpty();
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(SECRET).doesNotContain("BODY-MARKER").doesNotContain("octo/hello");
        }
    }

    @Test
    void healthAndReadiness() throws Exception {
        assertThat(client.get(port, "/healthz").statusCode()).isEqualTo(200);
        assertThat(client.get(port, "/readyz").statusCode()).isEqualTo(200);
        db.close();
        assertThat(client.get(port, "/readyz").statusCode()).isEqualTo(503);
        assertThat(client.get(port, "/healthz").statusCode()).isEqualTo(200);
        HttpResponse<String> whileDown = client.send("push", "down-1", PUSH);
        assertThat(whileDown.statusCode()).as("our fault, so GitHub may redeliver").isEqualTo(503);
        db = Database.open(DatabaseLocation.sqlite(folder.resolve("hearth.db")));
    }

    @Test
    void withoutASecretConfiguredUnsignedDeliveriesAreTaken() throws Exception {
        try (IntakeServer insecure = new IntakeServer(db, new IntakeSettings(Optional.empty(), LIMIT), DeliveryListener.NONE, Clock.systemUTC())) {
            int insecurePort = insecure.start("127.0.0.1", 0);
            WebhookClient c = new WebhookClient(insecurePort, "unused");
            byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);
            assertThat(c.send(c.builder("push", "i-1", "application/json"), body).statusCode()).isEqualTo(202);
        }
        assertThat(stored("i-1")).isPresent();
    }
}
