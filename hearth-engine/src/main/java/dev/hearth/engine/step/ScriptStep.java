package dev.hearth.engine.step;

import dev.hearth.engine.Cancellation;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.time.Duration;
import java.util.Map;

/**
 * Runs one script in a sandbox: writes it to a file, starts the shell on it, and on cancellation
 * stops it as GitHub's runner does — SIGINT, then SIGTERM after 7.5 s, then SIGKILL 2.5 s later.
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
     * @param scriptPath where to write the script inside the sandbox, or null when {@code argv} runs a
     *                   program that needs no script file (an action's {@code node main.js})
     * @param argv       the command line that runs it
     * @param timeout    how long it may run, or null
     */
    public static Outcome run(Sandbox sandbox, String scriptPath, String script, java.util.List<String> argv,
                              Map<String, String> env, String cwd, Duration timeout, OutputSink sink,
                              Cancellation cancellation) throws SandboxException, InterruptedException {
        if (scriptPath != null) {
            sandbox.writeString(scriptPath, script);
        }
        boolean cancelledBefore = cancellation.isCancelled();
        Execution execution = sandbox.start(new ExecRequest(argv, env, cwd, timeout), sink);
        Runnable stopCancel = cancelledBefore ? () -> { } : cancellation.onCancel(() -> stop(execution));
        Runnable stopKill = cancellation.onKill(execution::kill);
        try {
            ExitStatus status = execution.await();
            return new Outcome(status, !cancelledBefore && cancellation.isCancelled());
        } finally {
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
