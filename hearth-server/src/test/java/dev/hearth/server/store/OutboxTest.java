package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OutboxTest extends StoreTestBase {

    private static final Duration CLAIM = Duration.ofSeconds(30);

    @Test
    void claimsDueItemsAcknowledgesThemAndForgetsThem() {
        Outbox outbox = new Outbox(db, clock);
        long a = outbox.enqueue("commit-status", "{\"state\":\"pending\"}");
        long b = outbox.enqueue("pr-comment", "{\"pr\":7}");

        List<OutboxItem> claimed = outbox.claimDue("reporter-1", CLAIM, 10);
        assertThat(claimed).extracting(OutboxItem::id).containsExactly(a, b);
        assertThat(claimed.get(0).kind()).isEqualTo("commit-status");
        assertThat(claimed.get(0).payload()).isEqualTo("{\"state\":\"pending\"}");
        assertThat(claimed.get(0).attempts()).isEqualTo(1);
        assertThat(outbox.claimDue("reporter-2", CLAIM, 10)).as("claimed items are not handed out twice").isEmpty();

        assertThat(outbox.ack(a, "reporter-2")).isFalse();
        assertThat(outbox.ack(a, "reporter-1")).isTrue();
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void anItemPutBackIsDueAgainOnlyAfterItsTimeWithItsError() {
        Outbox outbox = new Outbox(db, clock);
        long id = outbox.enqueue("commit-status", "{}");
        outbox.claimDue("r", CLAIM, 10);
        assertThat(outbox.retryLater(id, "r", clock.instant().plusSeconds(60), "HTTP 403 rate limited")).isTrue();

        clock.advance(Duration.ofSeconds(59));
        assertThat(outbox.claimDue("r", CLAIM, 10)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        List<OutboxItem> again = outbox.claimDue("r", CLAIM, 10);
        assertThat(again).hasSize(1);
        assertThat(again.get(0).attempts()).isEqualTo(2);
        assertThat(again.get(0).lastError()).isEqualTo("HTTP 403 rate limited");
    }

    @Test
    void aDeadSendersClaimExpiresAndTheItemIsDueAgain() {
        Outbox outbox = new Outbox(db, clock);
        long id = outbox.enqueue("commit-status", "{}");
        outbox.claimDue("dead", CLAIM, 10);
        clock.advance(CLAIM.plusMillis(1));
        assertThat(outbox.claimDue("alive", CLAIM, 10)).extracting(OutboxItem::id).containsExactly(id);
        assertThat(outbox.ack(id, "dead")).as("the dead sender lost its claim").isFalse();
        assertThat(outbox.ack(id, "alive")).isTrue();
    }

    @Test
    void concurrentSendersShareTheItemsWithoutOverlap() throws Exception {
        Outbox outbox = new Outbox(db, clock);
        for (int i = 0; i < 50; i++) {
            outbox.enqueue("commit-status", "{\"n\":" + i + "}");
        }
        ConcurrentLinkedQueue<Long> seen = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int t = 0; t < 6; t++) {
                String owner = "r" + t;
                futures.add(pool.submit(() -> {
                    List<OutboxItem> batch;
                    while (!(batch = outbox.claimDue(owner, CLAIM, 3)).isEmpty()) {
                        for (OutboxItem item : batch) {
                            seen.add(item.id());
                            outbox.ack(item.id(), owner);
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
        assertThat(outbox.pending()).isZero();
    }
}
