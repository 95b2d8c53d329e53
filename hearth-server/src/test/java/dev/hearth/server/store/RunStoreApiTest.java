package dev.hearth.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store methods behind the REST API: filtered pages, cancel requests and re-runs, on both databases. */
class RunStoreApiTest extends StoreTestBase {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private RunStore runs() {
        return new RunStore(db, clock);
    }

    private long queue(String delivery, String repository, String workflow) {
        return runs().enqueue(new NewRun(delivery, repository, "b".repeat(40), "refs/heads/main", workflow)).orElseThrow();
    }

    @Test
    void pagesNewestFirstWithFiltersAndATotal() {
        String d = storedDelivery("d-1");
        String e = storedDelivery("d-2");
        long a = queue(d, "octo/one", "a.yml");
        long b = queue(d, "octo/one", "b.yml");
        long c = queue(e, "octo/two", "c.yml");
        RunStore runs = runs();
        Run claimed = runs.claimNext("node", LEASE).orElseThrow(); // a
        runs.complete(claimed.id(), "node", Conclusion.FAILURE);

        RunPage all = runs.page(new RunQuery(null, null, null, 1, 2));
        assertThat(all.total()).isEqualTo(3);
        assertThat(all.runs()).extracting(Run::id).containsExactly(c, b);
        assertThat(runs.page(new RunQuery(null, null, null, 2, 2)).runs()).extracting(Run::id).containsExactly(a);
        assertThat(runs.page(new RunQuery(null, null, null, 3, 2)).runs()).isEmpty();

        assertThat(runs.page(new RunQuery("octo/one", null, null, 1, 10)).runs()).extracting(Run::id).containsExactly(b, a);
        assertThat(runs.page(new RunQuery("octo/one", RunState.QUEUED, null, 1, 10)).runs()).extracting(Run::id).containsExactly(b);
        RunPage failed = runs.page(new RunQuery(null, null, Conclusion.FAILURE, 1, 10));
        assertThat(failed.runs()).extracting(Run::id).containsExactly(a);
        assertThat(failed.total()).isEqualTo(1);
        assertThat(runs.page(new RunQuery("octo/none", null, null, 1, 10)).total()).isZero();
    }

    @Test
    void aCancelRequestIsRecordedOnceAndOnlyForARunningRun() {
        String d = storedDelivery("d-1");
        long id = queue(d, "octo/one", "a.yml");
        RunStore runs = runs();

        assertThat(runs.requestCancel(id)).as("queued: nothing runs yet to be asked").isFalse();
        runs.claimNext("node", LEASE).orElseThrow();
        assertThat(runs.cancelRequested(id)).isEmpty();
        assertThat(runs.requestCancel(id)).isTrue();
        assertThat(runs.requestCancel(id)).as("asked already").isFalse();
        // Another pool on the same database (another node) sees the request.
        assertThat(runs.cancelRequested(id)).contains(clock.instant());
        runs.complete(id, "node", Conclusion.CANCELLED);
        assertThat(runs.requestCancel(id + 100)).isFalse();
    }

    @Test
    void aRerunQueuesTheSameWorkflowAtTheSameCommitUnderACopiedDelivery() {
        String d = storedDelivery("d-1");
        long id = queue(d, "octo/one", "ci.yml");
        RunStore runs = runs();
        assertThat(runs.rerun(id)).as("not completed yet").isEmpty();
        runs.claimNext("node", LEASE).orElseThrow();
        runs.complete(id, "node", Conclusion.FAILURE);

        long again = runs.rerun(id).orElseThrow();
        Run rerun = runs.find(again).orElseThrow();
        assertThat(runs.rerun(again)).as("the re-run is queued, not completed").isEmpty();
        runs.claimNext("node", LEASE).orElseThrow();
        runs.complete(again, "node", Conclusion.SUCCESS);
        long third = runs.rerun(again).orElseThrow();

        Run original = runs.find(id).orElseThrow();
        assertThat(rerun.state()).isEqualTo(RunState.QUEUED);
        assertThat(rerun.conclusion()).isNull();
        assertThat(rerun.workflowPath()).isEqualTo("ci.yml");
        assertThat(rerun.sha()).isEqualTo(original.sha());
        assertThat(rerun.repository()).isEqualTo(original.repository());
        assertThat(rerun.deliveryId()).startsWith("d-1:rerun:");
        assertThat(runs.find(third).orElseThrow().deliveryId()).startsWith("d-1:rerun:").isNotEqualTo(rerun.deliveryId());
        DeliveryStore deliveries = new DeliveryStore(db, clock);
        Delivery copy = deliveries.find(rerun.deliveryId()).orElseThrow();
        Delivery source = deliveries.find(d).orElseThrow();
        assertThat(copy.state()).as("never planned again").isEqualTo(DeliveryState.DONE);
        assertThat(copy.body()).isEqualTo(source.body());
        assertThat(copy.event()).isEqualTo(source.event());
        assertThat(runs.rerun(9999)).isEmpty();
    }
}
