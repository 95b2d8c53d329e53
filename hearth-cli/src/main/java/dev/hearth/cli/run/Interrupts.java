package dev.hearth.cli.run;

import dev.hearth.engine.Cancellation;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C and SIGTERM during a run. The first asks the run to cancel (running steps get SIGINT, then
 * SIGTERM, and {@code always()} steps still run), the second kills it at once, a third exits the JVM
 * without waiting any more (shutdown hooks still destroy the sandboxes). Closing puts back the
 * handlers that were there before.
 */
public final class Interrupts implements AutoCloseable {

    private static final String[] SIGNALS = {"INT", "TERM"};

    private final Cancellation cancellation;
    private final PrintWriter err;
    private final ConsoleStyle style;
    private final AtomicInteger presses = new AtomicInteger();
    private final List<Runnable> restore = new ArrayList<>();

    private Interrupts(Cancellation cancellation, PrintWriter err, ConsoleStyle style) {
        this.cancellation = cancellation;
        this.err = err;
        this.style = style;
    }

    /**
     * Installs the handlers. Where the JVM does not let signals be handled (started with {@code -Xrs},
     * say) the run simply has no graceful Ctrl-C.
     */
    public static Interrupts install(Cancellation cancellation, PrintWriter err, ConsoleStyle style) {
        Interrupts interrupts = new Interrupts(cancellation, err, style);
        SignalHandler handler = signal -> interrupts.interrupted();
        for (String name : SIGNALS) {
            try {
                Signal signal = new Signal(name);
                SignalHandler previous = Signal.handle(signal, handler);
                interrupts.restore.add(() -> Signal.handle(signal, previous));
            } catch (IllegalArgumentException e) {
                // this signal is reserved or unknown here: leave it as it is
            }
        }
        return interrupts;
    }

    /** What one Ctrl-C (or SIGTERM) does; public for the signal handler and for tests. */
    public void interrupted() {
        switch (presses.incrementAndGet()) {
            case 1 -> {
                say("Cancelling run" + style.ellipsis() + " (Ctrl-C again to stop at once)");
                cancellation.cancel();
            }
            case 2 -> {
                say("Stopping at once" + style.ellipsis());
                cancellation.kill();
            }
            default -> {
                say("Exiting without waiting for the run to stop");
                System.exit(130);
            }
        }
    }

    private void say(String message) {
        err.println(style.paint(message, ConsoleStyle.Ansi.YELLOW, ConsoleStyle.Ansi.BOLD));
        err.flush();
    }

    @Override
    public void close() {
        restore.forEach(Runnable::run);
        restore.clear();
    }
}
