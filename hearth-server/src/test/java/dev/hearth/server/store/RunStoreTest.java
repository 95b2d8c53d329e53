package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class RunStoreTest extends StoreTestBase {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private RunStore runs() {
        return new RunStore(db, clock);
    }

    private NewRun run(String delivery, String workflow) {
        return new NewRun(delivery, "octo/hello", "a".repeat(40), "refs/heads/main", workflow);
    }

    @Test
    void queuesOneRunPerWorkflowOfADelivery() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();

        Optional<Long> first = runs.enqueue(run(d, ".github/workflows/ci.yml"));
        Optional<Long> again = runs.enqueue(run(d, ".github/workflows/ci.yml"));
        Optional<Long> other = runs.enqueue(run(d, ".github/workflows/lint.yml"));

        assertThat(first).isPresent();
        assertThat(again).isEmpty();
        assertThat(other).isPresent().get().isNotEqualTo(first.get());
        Run r = runs.find(first.get()).orElseThrow();
        assertThat(r.state()).isEqualTo(RunState.QUEUED);
        assertThat(r.repository()).isEqualTo("octo/hello");
        assertThat(r.createdAt()).isEqualTo(clock.instant());
        assertThat(runs.forDelivery(d)).extracting(Run::workflowPath)
                .containsExactly(".github/workflows/ci.yml", ".github/workflows/lint.yml");
    }

    @Test
    void claimsTheOldestQueuedRunUnderALeaseAndCompletesIt() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        long first = runs.enqueue(run(d, "a.yml")).orElseThrow();
        runs.enqueue(run(d, "b.yml"));

        Run claimed = runs.claimNext("node-1", LEASE).orElseThrow();
        assertThat(claimed.id()).isEqualTo(first);
        assertThat(claimed.state()).isEqualTo(RunState.RUNNING);
        assertThat(claimed.leaseOwner()).isEqualTo("node-1");
        assertThat(claimed.leaseExpiresAt()).isEqualTo(clock.instant().plus(LEASE));
        assertThat(claimed.attempts()).isEqualTo(1);

        assertThat(runs.complete(first, "node-2", Conclusion.SUCCESS)).as("another node cannot conclude it").isFalse();
        assertThat(runs.complete(first, "node-1", Conclusion.FAILURE)).isTrue();
        Run done = runs.find(first).orElseThrow();
        assertThat(done.state()).isEqualTo(RunState.COMPLETED);
        assertThat(done.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(done.leaseOwner()).isNull();
        assertThat(runs.countByState()).containsEntry(RunState.QUEUED, 1L).containsEntry(RunState.COMPLETED, 1L);
    }

    @Test
    void claimsNothingWhenTheQueueIsEmpty() {
        assertThat(runs().claimNext("node-1", LEASE)).isEmpty();
    }

    @Test
    void concurrentClaimersNeverGetTheSameRun() throws Exception {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        int total = 40;
        for (int i = 0; i < total; i++) {
            runs.enqueue(run(d, "w" + i + ".yml"));
        }
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                String owner = "node-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    Optional<Run> r;
                    while ((r = runs.claimNext(owner, LEASE)).isPresent()) {
                        claimed.add(r.get().id());
                    }
                    return null;
                }));
            }
            start.countDown();
            for (var f : futures) {
                f.get();
            }
        }
        assertThat(claimed).hasSize(total).doesNotHaveDuplicates();
        assertThat(runs.countByState()).containsEntry(RunState.RUNNING, (long) total);
    }

    @Test
    void renewingKeepsALeaseAndOnlyItsOwnerCanRenew() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        long id = runs.enqueue(run(d, "a.yml")).orElseThrow();
        runs.claimNext("node-1", LEASE);

        clock.advance(Duration.ofSeconds(50));
        assertThat(runs.renewLease(id, "node-2", LEASE)).isFalse();
        assertThat(runs.renewLease(id, "node-1", LEASE)).isTrue();
        clock.advance(Duration.ofSeconds(50));

        assertThat(runs.recoverExpired(3).requeued()).isEmpty();
        assertThat(runs.find(id).orElseThrow().state()).isEqualTo(RunState.RUNNING);
    }

    @Test
    void recoveryRequeuesExpiredRunsUntilTheirAttemptsAreUsedUpThenErrorsThem() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        long id = runs.enqueue(run(d, "a.yml")).orElseThrow();
        long finished = runs.enqueue(run(d, "b.yml")).orElseThrow();

        runs.claimNext("dead-node", LEASE);
        runs.claimNext("live-node", LEASE);
        runs.complete(finished, "live-node", Conclusion.SUCCESS);
        clock.advance(LEASE.plusSeconds(1));
        Recovered first = runs.recoverExpired(2);
        assertThat(first.requeued()).containsExactly(id);
        assertThat(first.errored()).isEmpty();
        Run requeued = runs.find(id).orElseThrow();
        assertThat(requeued.state()).isEqualTo(RunState.QUEUED);
        assertThat(requeued.leaseOwner()).isNull();

        Run second = runs.claimNext("dead-node-2", LEASE).orElseThrow();
        assertThat(second.attempts()).isEqualTo(2);
        clock.advance(LEASE.plusSeconds(1));
        Recovered last = runs.recoverExpired(2);
        assertThat(last.requeued()).isEmpty();
        assertThat(last.errored()).containsExactly(id);
        assertThat(runs.find(id).orElseThrow().conclusion()).isEqualTo(Conclusion.ERROR);
        assertThat(runs.find(finished).orElseThrow().conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(runs.complete(id, "dead-node-2", Conclusion.SUCCESS)).as("a late report from the dead node").isFalse();
    }

    @Test
    void atStartTheRunsOfEarlierProcessesOfTheSameNodeAreTakenBackBeforeTheirLeasesExpire() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        long mine = runs.enqueue(run(d, "a.yml")).orElseThrow();
        long other = runs.enqueue(run(d, "b.yml")).orElseThrow();
        // a node name holding LIKE's wildcards must match only itself
        runs.claimNext("host:/data/a_b%#41-x", LEASE);
        runs.claimNext("host:/data/aXbY#7-y", LEASE);

        Recovered r = runs.recoverAbandoned("host:/data/a_b%#", 3);
        assertThat(r.requeued()).containsExactly(mine);
        assertThat(r.errored()).isEmpty();
        assertThat(runs.find(mine).orElseThrow().state()).isEqualTo(RunState.QUEUED);
        assertThat(runs.find(other).orElseThrow().state()).as("another node's run, lease not expired").isEqualTo(RunState.RUNNING);
    }

    @Test
    void aQueuedRunCanBeConcludedWithoutRunning() {
        String d = storedDelivery("d-1");
        RunStore runs = runs();
        long id = runs.enqueue(run(d, "a.yml")).orElseThrow();
        assertThat(runs.concludeQueued(id, Conclusion.CANCELLED)).isTrue();
        assertThat(runs.concludeQueued(id, Conclusion.CANCELLED)).isFalse();
        assertThat(runs.claimNext("n", LEASE)).isEmpty();
        assertThat(runs.recent(10)).extracting(Run::conclusion).containsExactly(Conclusion.CANCELLED);
    }
}
