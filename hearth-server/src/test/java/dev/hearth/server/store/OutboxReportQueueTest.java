package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.server.github.PendingReport;
import dev.hearth.server.github.Report;
import dev.hearth.server.github.StatusState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The reports outbox on both databases: claims, settling, retries, dead senders, superseding and order. */
class OutboxReportQueueTest extends StoreTestBase {

    private static final Duration CLAIM = Duration.ofSeconds(30);
    private static final String SHA = "a".repeat(40);

    private OutboxReportQueue queue(String owner) {
        return new OutboxReportQueue(db, clock, owner, CLAIM);
    }

    private static Report.CommitStatus status(String workflow, StatusState state) {
        return new Report.CommitStatus("octo/hello", SHA, workflow, state, null, state.name().toLowerCase());
    }

    private long waiting() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbox WHERE done = 0").mapTo(Long.class).one());
    }

    private String lastError(long id) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT last_error FROM outbox WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void claimsDueReportsSettlesThemAndForgetsThem() {
        OutboxReportQueue first = queue("reporter-1");
        OutboxReportQueue second = queue("reporter-2");
        first.enqueue(status("ci", StatusState.PENDING));
        first.enqueue(status("lint", StatusState.PENDING));

        List<PendingReport> claimed = first.claimDue(clock.instant(), 10);
        assertThat(claimed).extracting(PendingReport::report)
                .containsExactly(status("ci", StatusState.PENDING), status("lint", StatusState.PENDING));
        assertThat(claimed).extracting(PendingReport::attempt).containsExactly(1, 1);
        assertThat(second.claimDue(clock.instant(), 10)).as("claimed reports are not handed out twice").isEmpty();

        second.sent(claimed.get(0).id());
        assertThat(waiting()).as("only the claim's holder settles it").isEqualTo(2);
        first.sent(claimed.get(0).id());
        assertThat(waiting()).isEqualTo(1);
    }

    @Test
    void aReportPutBackIsDueAgainOnlyAfterItsTimeWithItsError() {
        OutboxReportQueue q = queue("r");
        q.enqueue(status("ci", StatusState.PENDING));
        long id = q.claimDue(clock.instant(), 10).getFirst().id();
        q.retryAt(id, clock.instant().plusSeconds(60), "HTTP 403 rate limited");
        assertThat(lastError(id)).isEqualTo("HTTP 403 rate limited");

        clock.advance(Duration.ofSeconds(59));
        assertThat(q.claimDue(clock.instant(), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<PendingReport> again = q.claimDue(clock.instant(), 10);
        assertThat(again).extracting(PendingReport::id).containsExactly(id);
        assertThat(again.getFirst().attempt()).isEqualTo(2);
    }

    @Test
    void aDeadSendersClaimExpiresAndTheReportIsDueAgain() {
        OutboxReportQueue dead = queue("dead");
        OutboxReportQueue alive = queue("alive");
        dead.enqueue(status("ci", StatusState.PENDING));
        long id = dead.claimDue(clock.instant(), 10).getFirst().id();
        clock.advance(CLAIM.plusMillis(1));
        assertThat(alive.claimDue(clock.instant(), 10)).extracting(PendingReport::id).containsExactly(id);
        dead.sent(id);
        assertThat(waiting()).as("the dead sender lost its claim").isEqualTo(1);
        alive.sent(id);
        assertThat(waiting()).isZero();
    }

    @Test
    void atStartTheClaimsOfEarlierProcessesOfTheSameNodeAreFreedAtOnce() {
        queue("node-a#1").enqueue(status("ci", StatusState.PENDING));
        queue("node-b#1").enqueue(status("lint", StatusState.PENDING));
        queue("node-a#1").claimDue(clock.instant(), 1);
        queue("node-b#1").claimDue(clock.instant(), 1);

        OutboxReportQueue restarted = queue("node-a#2");
        assertThat(restarted.releaseClaimsOf("node-a#")).isEqualTo(1);
        assertThat(restarted.claimDue(clock.instant(), 10)).extracting(p -> ((Report.CommitStatus) p.report()).workflow())
                .as("node-b's claim is its own until it expires").containsExactly("ci");
    }

    @Test
    void aNewerReportOfTheSameKeyDropsTheOlderOneStillWaitingAndNeverOvertakesAClaimedOne() {
        OutboxReportQueue q = queue("r");
        q.enqueue(status("ci", StatusState.PENDING));
        q.enqueue(status("ci", StatusState.SUCCESS));
        List<PendingReport> claimed = q.claimDue(clock.instant(), 10);
        assertThat(claimed).extracting(PendingReport::report).containsExactly(status("ci", StatusState.SUCCESS));

        q.enqueue(status("ci", StatusState.FAILURE));
        assertThat(q.claimDue(clock.instant(), 10)).as("the older one is still being sent").isEmpty();
        q.sent(claimed.getFirst().id());
        assertThat(q.claimDue(clock.instant(), 10)).extracting(PendingReport::report)
                .containsExactly(status("ci", StatusState.FAILURE));
    }

    @Test
    void concurrentSendersShareTheReportsWithoutOverlap() throws Exception {
        for (int i = 0; i < 50; i++) {
            queue("producer").enqueue(status("w" + i, StatusState.PENDING));
        }
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                OutboxReportQueue sender = queue("r" + t);
                futures.add(pool.submit(() -> {
                    List<PendingReport> batch;
                    while (!(batch = sender.claimDue(clock.instant(), 3)).isEmpty()) {
                        for (PendingReport p : batch) {
                            seen.add(p.id());
                            sender.sent(p.id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(seen).hasSize(50).doesNotHaveDuplicates();
        assertThat(waiting()).isZero();
    }
}
