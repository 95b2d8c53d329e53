package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class DeliveryStoreTest extends StoreTestBase {

    @Test
    void storesADeliveryOnceAndTellsARedeliveryApart() {
        DeliveryStore store = new DeliveryStore(db, clock);
        NewDelivery d = new NewDelivery("d-1", "pull_request", "opened", clock.instant(), "{\"action\":\"opened\"}", DeliveryState.RECEIVED);

        assertThat(store.insertIfAbsent(d)).isTrue();
        assertThat(store.insertIfAbsent(d)).isFalse();

        Delivery stored = store.find("d-1").orElseThrow();
        assertThat(stored.event()).isEqualTo("pull_request");
        assertThat(stored.action()).isEqualTo("opened");
        assertThat(stored.body()).isEqualTo("{\"action\":\"opened\"}");
        assertThat(stored.receivedAt()).isEqualTo(clock.instant());
        assertThat(stored.state()).isEqualTo(DeliveryState.RECEIVED);
        assertThat(stored.attempts()).isZero();
    }

    @Test
    void concurrentRedeliveriesStoreOneRowAndOnlyOneCallerSeesItNew() throws Exception {
        DeliveryStore store = new DeliveryStore(db, clock);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> store.insertIfAbsent(delivery("same")));
        }
        int newOnes = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                newOnes += f.get() ? 1 : 0;
            }
        }
        assertThat(newOnes).isEqualTo(1);
        assertThat(store.countByState()).containsEntry(DeliveryState.RECEIVED, 1L);
    }

    @Test
    void manyDeliveriesAtOnceAreEachStoredAndOneBadOneFailsAlone() throws Exception {
        DeliveryStore store = new DeliveryStore(db, clock);
        List<Callable<Boolean>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String id = "many-" + (i % 150); // 50 of them come twice
            calls.add(() -> store.insertIfAbsent(delivery(id)));
        }
        calls.add(() -> store.insertIfAbsent(new NewDelivery("bad", null, null, clock.instant(), "{}",
                DeliveryState.RECEIVED)));
        int newOnes = 0;
        int failed = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                try {
                    newOnes += f.get() ? 1 : 0;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed++;
                    assertThat(e.getCause()).hasMessageContaining("bad");
                }
            }
        }
        assertThat(newOnes).isEqualTo(150);
        assertThat(failed).isEqualTo(1);
        assertThat(store.countByState()).containsEntry(DeliveryState.RECEIVED, 150L);
        assertThat(store.find("bad")).isEmpty();
    }

    @Test
    void transitionsOnlyFromTheExpectedStateAndCountsProcessingAttempts() {
        DeliveryStore store = new DeliveryStore(db, clock);
        store.insertIfAbsent(delivery("d-2"));

        assertThat(store.transition("d-2", DeliveryState.RECEIVED, DeliveryState.PROCESSING, null)).isTrue();
        assertThat(store.transition("d-2", DeliveryState.RECEIVED, DeliveryState.PROCESSING, null)).isFalse();
        assertThat(store.transition("d-2", DeliveryState.PROCESSING, DeliveryState.FAILED, "no workflows readable")).isTrue();

        Delivery d = store.find("d-2").orElseThrow();
        assertThat(d.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(d.attempts()).isEqualTo(1);
        assertThat(d.error()).isEqualTo("no workflows readable");
    }

    @Test
    void listsDeliveriesInAStateOldestFirst() {
        DeliveryStore store = new DeliveryStore(db, clock);
        store.insertIfAbsent(delivery("b"));
        clock.advance(java.time.Duration.ofSeconds(1));
        store.insertIfAbsent(delivery("a"));
        store.insertIfAbsent(new NewDelivery("c", "issues", "opened", clock.instant(), "{}", DeliveryState.IGNORED));

        assertThat(store.inState(DeliveryState.RECEIVED, 10)).extracting(Delivery::deliveryId).containsExactly("b", "a");
        assertThat(store.inState(DeliveryState.RECEIVED, 1)).hasSize(1);
        assertThat(store.countByState())
                .containsEntry(DeliveryState.RECEIVED, 2L)
                .containsEntry(DeliveryState.IGNORED, 1L)
                .containsEntry(DeliveryState.DONE, 0L);
    }
}
