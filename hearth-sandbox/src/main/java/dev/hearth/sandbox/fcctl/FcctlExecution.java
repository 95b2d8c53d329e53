package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A command running in a remote VM: one {@code execute} call, made on its own virtual thread. The API
 * answers only when the command has ended, so all of its output reaches the sink then, at once.
 *
 * <p>How it ends: the exit code the server reports; a command the server stopped at its timeout, or
 * whose call outlived the timeout plus the call margin (it is then killed in the guest), ends as timed
 * out and killed ({@code 128 + 9}); a call that failed otherwise ends with code 255 and the reason on
 * stderr, as a command whose agent was lost does on the other backends.
 */
final class FcctlExecution implements Execution {
    /** Sends a signal to what one execution started; best effort. */
    interface Signaller {
        void signal(String executionId, int signal);
    }

    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    private final String id;
    private final Signaller signaller;
    private volatile int sentSignal;

    private FcctlExecution(String id, Signaller signaller) {
        this.id = id;
        this.signaller = signaller;
    }

    /** Starts the call on a virtual thread. */
    static FcctlExecution start(String id, GuestFiles.Shell shell, String script, Duration timeout, OutputSink sink,
                                Signaller signaller) {
        FcctlExecution execution = new FcctlExecution(id, signaller);
        Thread.ofVirtual().name("hearth-fcctl-exec-" + id).start(() -> execution.run(shell, script, timeout, sink));
        return execution;
    }

    private void run(GuestFiles.Shell shell, String script, Duration timeout, OutputSink sink) {
        long startNanos = System.nanoTime();
        try {
            ExecuteResult result = shell.run(script, timeout);
            deliver(sink, result.stdout(), false);
            deliver(sink, result.stderr(), true);
            long duration = result.durationMs() >= 0 ? result.durationMs() : elapsed(startNanos);
            if (result.timedOut()) {
                exit.complete(new ExitStatus(128 + 9, 9, true, duration));
            } else if (result.exitCode() == null) {
                deliver(sink, "hearth: the VM API ran no command: "
                        + (result.error() == null ? "it gave no exit code" : result.error()) + "\n", true);
                exit.complete(new ExitStatus(255, 0, false, duration));
            } else {
                int code = result.exitCode();
                int signal = sentSignal != 0 && code == 128 + sentSignal ? sentSignal : 0;
                exit.complete(new ExitStatus(code, signal, false, duration));
            }
        } catch (FcctlApiException e) {
            if (e.timedOut()) {
                // the server did not stop it in time: stop it here, so it does not run on unseen
                signaller.signal(id, 9);
                exit.complete(new ExitStatus(128 + 9, 9, true, elapsed(startNanos)));
            } else {
                deliver(sink, "hearth: the command's call to the VM API failed: " + e.getMessage() + "\n", true);
                exit.complete(new ExitStatus(255, 0, false, elapsed(startNanos)));
            }
        } catch (Exception | Error e) {
            deliver(sink, "hearth: the command's call to the VM API failed: " + e + "\n", true);
            exit.complete(new ExitStatus(255, 0, false, elapsed(startNanos)));
        }
    }

    @Override
    public ExitStatus await() throws InterruptedException {
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an execution ends with a status", e.getCause());
        }
    }

    /**
     * Sends the signal to every guest process this command started that kept its environment, through
     * a second {@code execute} call (the API has no signal call).
     */
    @Override
    public void signal(int signal) {
        if (!exit.isDone()) {
            sentSignal = signal;
            signaller.signal(id, signal);
        }
    }

    @Override
    public boolean isAlive() {
        return !exit.isDone();
    }

    private static void deliver(OutputSink sink, String text, boolean stderr) {
        if (text.isEmpty()) {
            return;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (stderr) {
            sink.stderr(bytes, 0, bytes.length);
        } else {
            sink.stdout(bytes, 0, bytes.length);
        }
    }

    private static long elapsed(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
