package dev.hearth.server.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5, acceptance 4 at the package's level: GitHub answers with 500s, rate limits, a 429 and a
 * timeout, and every status still arrives, each in its final state, because the outbox re-offers what
 * the policy said to retry. The queue here keeps its rows in a map the way the store keeps them in a
 * table (due time, attempt, state), so the dispatcher is driven exactly as in production.
 */
class ReportDispatcherTest {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");

    WireMockServer github;
    MutableClock clock = new MutableClock(T0);

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void everyStatusIsDeliveredInTheEndDespiteFaults() {
        long reset = T0.getEpochSecond() + 300;
        // One fault after another for whoever calls next, then GitHub recovers.
        String[] states = {"Started", "500", "403", "timeout", "429", "502"};
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[0]).willSetStateTo(states[1]).willReturn(serverError()));
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[1]).willSetStateTo(states[2])
                .willReturn(jsonResponse("{\"message\":\"API rate limit exceeded\"}", 403)
                        .withHeader("X-RateLimit-Remaining", "0").withHeader("X-RateLimit-Reset", Long.toString(reset))));
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[2]).willSetStateTo(states[3]).willReturn(created().withFixedDelay(3_000)));
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[3]).willSetStateTo(states[4])
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "45")));
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[4]).willSetStateTo(states[5]).willReturn(status(502)));
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*")).inScenario("faults")
                .whenScenarioStateIs(states[5]).willReturn(created()));

        GitHubConfig config = new GitHubConfig(URI.create(github.baseUrl()), new GitHubAuth.Token("ghp_t"),
                Duration.ofSeconds(2), Duration.ofMillis(300));
        Reporter reporter = new Reporter(GitHubClient.create(config, clock),
                new RetryPolicy(RetryPolicy.Settings.defaults()), clock);
        TableQueue outbox = new TableQueue();
        ReportDispatcher dispatcher = new ReportDispatcher(outbox, reporter, clock, 2);

        List<String> shas = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String sha = "%040x".formatted(0xabc0 + i);
            shas.add(sha);
            outbox.enqueue(new Report.CommitStatus("octo/app", sha, "ci", StatusState.PENDING, null, "queued"));
            outbox.enqueue(new Report.CommitStatus("octo/app", sha, "ci",
                    i % 2 == 0 ? StatusState.SUCCESS : StatusState.FAILURE, null, "done"));
        }

        for (int round = 0; round < 50 && outbox.waiting() > 0; round++) {
            dispatcher.drainDue();
            outbox.nextDue().ifPresent(at -> clock.set(at.isAfter(clock.instant()) ? at : clock.instant()));
        }

        assertThat(outbox.waiting()).as("nothing left waiting: %s, failed %s", outbox, outbox.failed).isZero();
        assertThat(outbox.failed).as("nothing given up").isEmpty();
        assertThat(outbox.retried).as("the faults were met").isGreaterThanOrEqualTo(5);
        // The rate-limited report waited for the reset, not less.
        assertThat(outbox.retryTimes).contains(Instant.ofEpochSecond(reset + 1));
        // What GitHub accepted last for each commit is its real final state.
        Map<String, String> lastAccepted = new HashMap<>();
        github.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 201)
                .sorted(Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .forEach(e -> lastAccepted.put(e.getRequest().getUrl().substring("/repos/octo/app/statuses/".length()),
                        GitHubJson.parse(e.getRequest().getBodyAsString()).get("state").asText()));
        assertThat(lastAccepted.keySet()).containsExactlyInAnyOrderElementsOf(shas);
        for (int i = 0; i < shas.size(); i++) {
            assertThat(lastAccepted.get(shas.get(i))).isEqualTo(i % 2 == 0 ? "success" : "failure");
        }
    }

    @Test
    void aFinalRefusalIsRecordedAndNotRetried() {
        github.stubFor(post(urlPathMatching("/repos/octo/app/statuses/.*"))
                .willReturn(jsonResponse("{\"message\":\"No commit found for SHA\"}", 422)));
        GitHubConfig config = new GitHubConfig(URI.create(github.baseUrl()), new GitHubAuth.Token("ghp_t"));
        TableQueue outbox = new TableQueue();
        ReportDispatcher dispatcher = new ReportDispatcher(outbox, new Reporter(GitHubClient.create(config, clock),
                new RetryPolicy(RetryPolicy.Settings.defaults()), clock), clock, 10);
        outbox.enqueue(new Report.CommitStatus("octo/app", "%040x".formatted(1), "ci", StatusState.SUCCESS, null, null));

        assertThat(dispatcher.drainDue()).isEqualTo(1);
        assertThat(dispatcher.drainDue()).isZero();

        assertThat(outbox.failed.values()).containsExactly("POST /repos/octo/app/statuses/" + "%040x".formatted(1)
                + " answered 422: No commit found for SHA");
        github.verify(1, postRequestedFor(anyUrl()));
    }

    /** The outbox's contract on rows: due time, attempts, lease, order per supersede key. */
    static final class TableQueue implements ReportQueue {
        record Row(long id, Report report, Instant due, int attempts, boolean leased) {
        }

        final Map<Long, Row> rows = new LinkedHashMap<>();
        final Map<Long, String> failed = new HashMap<>();
        final List<Instant> retryTimes = new ArrayList<>();
        int retried;
        long nextId = 1;

        @Override
        public void enqueue(Report report) {
            rows.put(nextId, new Row(nextId, report, Instant.MIN, 0, false));
            nextId++;
        }

        @Override
        public List<PendingReport> claimDue(Instant now, int limit) {
            Set<String> blocked = new java.util.HashSet<>();
            List<PendingReport> claimed = new ArrayList<>();
            for (Row row : List.copyOf(rows.values())) {
                String key = row.report().supersedeKey();
                boolean first = blocked.add(key); // only the oldest row of a key may go
                if (first && !row.leased() && !row.due().isAfter(now) && claimed.size() < limit) {
                    rows.put(row.id(), new Row(row.id(), row.report(), row.due(), row.attempts() + 1, true));
                    claimed.add(new PendingReport(row.id(), row.report(), row.attempts() + 1));
                }
            }
            return claimed;
        }

        @Override
        public void sent(long id) {
            rows.remove(id);
        }

        @Override
        public void retryAt(long id, Instant at, String reason) {
            Row row = rows.get(id);
            rows.put(id, new Row(id, row.report(), at, row.attempts(), false));
            retryTimes.add(at);
            retried++;
        }

        @Override
        public void failed(long id, String reason) {
            rows.remove(id);
            failed.put(id, reason);
        }

        int waiting() {
            return rows.size();
        }

        java.util.Optional<Instant> nextDue() {
            // Only the oldest row of each key can become due; the rows behind it wait for it.
            Map<String, Instant> heads = new LinkedHashMap<>();
            rows.values().forEach(r -> heads.putIfAbsent(r.report().supersedeKey(), r.due()));
            return heads.values().stream().min(Comparator.naturalOrder());
        }

        @Override
        public String toString() {
            return rows.values().stream().map(Row::toString).collect(Collectors.joining("\n"));
        }
    }
}
