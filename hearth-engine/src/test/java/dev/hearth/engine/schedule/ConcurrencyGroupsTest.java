package dev.hearth.engine.schedule;

import dev.hearth.engine.Cancellation;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** GitHub's concurrency-group rules between jobs of one run, on real threads. */
class ConcurrencyGroupsTest {
    private final ConcurrencyGroups groups = new ConcurrencyGroups();

    private CompletableFuture<ConcurrencyGroups.Admission> enterLater(String group, boolean cancelInProgress,
                                                                     Cancellation job) {
        CompletableFuture<ConcurrencyGroups.Admission> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(groups.enter(group, cancelInProgress, job));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** Waits until the condition holds (a state another thread reaches), failing after a generous bound. */
    private static void until(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 10_000 && !condition.getAsBoolean(); i++) {
            Thread.sleep(1);
        }
        assertThat(condition.getAsBoolean()).as("condition reached").isTrue();
    }

    private static Runnable leave(ConcurrencyGroups.Admission a) {
        assertThat(a).isInstanceOf(ConcurrencyGroups.Admission.Admitted.class);
        return ((ConcurrencyGroups.Admission.Admitted) a).leave();
    }

    @Test
    void aJobWaitsForTheOneHoldingItsGroupAndNamesIgnoreCase() throws Exception {
        Runnable first = leave(groups.enter("Deploy", false, new Cancellation()));
        CompletableFuture<ConcurrencyGroups.Admission> second = enterLater("deploy", false, new Cancellation());
        until(() -> groups.hasWaiting("DEPLOY"));
        assertThat(second).isNotDone();
        first.run();
        leave(second.get()).run();
        assertThat(groups.hasWaiting("deploy")).isFalse();
        leave(groups.enter("deploy", false, new Cancellation())).run();
    }

    @Test
    void aNewcomerTakesThePlaceOfTheOneWaiting() throws Exception {
        Runnable first = leave(groups.enter("g", false, new Cancellation()));
        CompletableFuture<ConcurrencyGroups.Admission> second = enterLater("g", false, new Cancellation());
        until(() -> groups.hasWaiting("g"));
        CompletableFuture<ConcurrencyGroups.Admission> third = enterLater("g", false, new Cancellation());
        assertThat(second.get()).isInstanceOfSatisfying(ConcurrencyGroups.Admission.Refused.class,
                r -> assertThat(r.message()).isEqualTo("Canceling since a higher priority waiting request for 'g' exists"));
        assertThat(third).isNotDone();
        first.run();
        leave(third.get()).run();
    }

    @Test
    void cancelInProgressCancelsTheOneRunning() throws Exception {
        Cancellation running = new Cancellation();
        Runnable first = leave(groups.enter("g", false, running));
        CompletableFuture<ConcurrencyGroups.Admission> second = enterLater("g", true, new Cancellation());
        until(running::isCancelled);
        assertThat(second).isNotDone();
        first.run(); // the cancelled job winds down and leaves
        leave(second.get()).run();
    }

    @Test
    void aJobCancelledWhileItWaitsDoesNotRun() throws Exception {
        Runnable first = leave(groups.enter("g", false, new Cancellation()));
        Cancellation waiting = new Cancellation();
        CompletableFuture<ConcurrencyGroups.Admission> second = enterLater("g", false, waiting);
        until(() -> groups.hasWaiting("g"));
        waiting.cancel();
        assertThat(second.get()).isInstanceOf(ConcurrencyGroups.Admission.Refused.class);
        assertThat(groups.hasWaiting("g")).isFalse();
        first.run();
        leave(groups.enter("g", false, new Cancellation())).run();
    }

    @Test
    void differentGroupsDoNotWait() throws Exception {
        Runnable a = leave(groups.enter("a", false, new Cancellation()));
        Runnable b = leave(groups.enter("b", false, new Cancellation()));
        a.run();
        b.run();
    }
}
