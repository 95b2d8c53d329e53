package dev.hearth.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.engine.Cancellation;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

class InterruptsTest {

    @Test
    void firstCancelsSecondKills() {
        Cancellation c = new Cancellation();
        StringWriter err = new StringWriter();
        try (Interrupts i = Interrupts.install(c, new PrintWriter(err), new ConsoleStyle(false, true))) {
            i.interrupted();
            assertThat(c.isCancelled()).isTrue();
            assertThat(c.isKilled()).isFalse();
            assertThat(err.toString()).isEqualTo("Cancelling run\u2026 (Ctrl-C again to stop at once)\n");
            i.interrupted();
            assertThat(c.isKilled()).isTrue();
            assertThat(err.toString()).endsWith("Stopping at once\u2026\n");
        }
    }

    @Test
    void aRealSigintCancelsTheRun() throws Exception {
        Cancellation c = new Cancellation();
        CountDownLatch cancelled = new CountDownLatch(1);
        c.onCancel(cancelled::countDown);
        StringWriter err = new StringWriter();
        try (Interrupts ignored = Interrupts.install(c, new PrintWriter(err), ConsoleStyle.PLAIN)) {
            Signal.raise(new Signal("INT"));
            // Signals are handled on their own thread; the latch waits for it, no timing is asserted.
            assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(c.isKilled()).isFalse();
        assertThat(err.toString()).contains("Cancelling run... (Ctrl-C again to stop at once)");
    }
}
