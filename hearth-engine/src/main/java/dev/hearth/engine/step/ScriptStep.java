package dev.hearth.engine.step;

import dev.hearth.engine.Cancellation;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs one script's command in a sandbox and, on cancellation, stops it as GitHub's runner does —
 * SIGINT, then SIGTERM after 7.5 s, then SIGKILL 2.5 s later.
 */
public final class ScriptStep {
    static final Duration TERM_AFTER = Duration.ofMillis(7500);
    static final Duration KILL_AFTER = Duration.ofMillis(2500);

    private ScriptStep() {
    }

    /**
     * How the script ended.
     *
     * @param status    the process's exit status
     * @param cancelled whether the run was cancelled while it ran (a step that starts after the
     *                  cancellation, such as an {@code always()} clean-up, runs undisturbed)
     */
    public record Outcome(ExitStatus status, boolean cancelled) {
    }

    /**
     * Starts the command and waits for its end.
     *
     * @param whileRunning called on this thread once the command is on its way, before the wait (the
     *                     engine prepares the next step there)
     */
    public static Outcome run(Sandbox sandbox, ExecRequest request, OutputSink sink, Cancellation cancellation,
                              Consumer<Execution> whileRunning) throws SandboxException, InterruptedException {
        Watch watch = Watch.of(sandbox.start(request, sink), cancellation);
        try {
            whileRunning.accept(watch.execution());
        } catch (RuntimeException e) {
            watch.release();
            throw e;
        }
        return watch.await();
    }

    /**
     * A started or queued command with the run's cancellation wired to it from now on: a cancel
     * stops it (or drops it while queued), a kill kills it.
     */
    public static final class Watch {
        private final Execution execution;
        private final Cancellation cancellation;
        private final boolean cancelledBefore;
        private final Runnable stopCancel;
        private final Runnable stopKill;

        private Watch(Execution execution, Cancellation cancellation) {
            this.execution = execution;
            this.cancellation = cancellation;
            this.cancelledBefore = cancellation.isCancelled();
            this.stopCancel = cancelledBefore ? () -> { } : cancellation.onCancel(() -> stop(execution));
            this.stopKill = cancellation.onKill(execution::kill);
        }

        public static Watch of(Execution execution, Cancellation cancellation) {
            return new Watch(execution, cancellation);
        }

        public Execution execution() {
            return execution;
        }

        /** Waits for the end, then unwires the cancellation. */
        public Outcome await() throws InterruptedException {
            try {
                ExitStatus status = execution.await();
                return new Outcome(status, !cancelledBefore && cancellation.isCancelled());
            } finally {
                release();
            }
        }

        /** Unwires the cancellation (for a queued command that was dropped). */
        public void release() {
            stopCancel.run();
            stopKill.run();
        }
    }

    private static void stop(Execution execution) {
        execution.signal(2);
        Thread.ofVirtual().name("hearth-step-stop").start(() -> {
            try {
                Thread.sleep(TERM_AFTER);
                execution.signal(15);
                Thread.sleep(KILL_AFTER);
                execution.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
