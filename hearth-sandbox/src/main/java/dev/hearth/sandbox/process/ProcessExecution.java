package dev.hearth.sandbox.process;

import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.OutputSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A command started as the leader of its own process group: its output pumped to a sink, its
 * timeout enforced by killing the whole group, its end reported as an {@link ExitStatus}.
 *
 * <p>The group leader is either the command itself ({@link Leader#COMMAND}) or a proxy that started
 * it and relays its exit status ({@link Leader#PROXY}, e.g. {@code nsenter}, which dies of a signal
 * it does not expect). Signals other than KILL skip a proxy so that a command that traps SIGINT can
 * still report its own exit code through it.
 */
public final class ProcessExecution implements Execution {
    /** How long a pump may sit idle after the command exited before the rest is dropped. */
    static final Duration QUIET = Duration.ofMillis(100);

    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("hearth-command-timeouts").factory());

    /** Who leads the process group. */
    public enum Leader { COMMAND, PROXY }

    private final Process process;
    private final Leader leader;
    private final long startNanos;
    private final CompletableFuture<Long> exitNanos;
    private final OutputPump stdout;
    private final OutputPump stderr;
    private final AtomicBoolean timedOut = new AtomicBoolean();
    private volatile ExitStatus status;

    private ProcessExecution(Process process, Leader leader, OutputSink sink, Duration timeout) {
        this.process = process;
        this.leader = leader;
        this.startNanos = System.nanoTime();
        this.exitNanos = process.onExit().thenApply(p -> System.nanoTime());
        long pid = process.pid();
        this.stdout = OutputPump.start("hearth-stdout-" + pid, process.getInputStream(), sink::stdout);
        this.stderr = OutputPump.start("hearth-stderr-" + pid, process.getErrorStream(), sink::stderr);
        if (timeout != null) {
            ScheduledFuture<?> timer = TIMEOUTS.schedule(this::timeOut, timeout.toNanos(), TimeUnit.NANOSECONDS);
            exitNanos.thenRun(() -> timer.cancel(false));
        }
    }

    /**
     * Watches a process that was started as a group leader ({@code setsid} as the first word of its
     * argv keeps its pid, so pid and process group are the same number).
     */
    public static ProcessExecution watch(Process process, Leader leader, OutputSink sink, Duration timeout) {
        return new ProcessExecution(process, leader, sink, timeout);
    }

    /** The process group, which is the leader's pid. */
    public long processGroup() {
        return process.pid();
    }

    private void timeOut() {
        if (process.isAlive()) {
            timedOut.set(true);
            Signals.toGroup(processGroup(), Signals.KILL);
        }
    }

    @Override
    public ExitStatus await() throws InterruptedException {
        ExitStatus known = status;
        if (known != null) {
            return known;
        }
        int code = process.waitFor();
        long end;
        try {
            end = exitNanos.get();
        } catch (ExecutionException e) {
            end = System.nanoTime();
        }
        stdout.finish(QUIET);
        stderr.finish(QUIET);
        // Java reports a death by signal n as 128 + n, as a shell does; so do we.
        int signal = code > 128 && code <= 128 + 64 ? code - 128 : 0;
        known = new ExitStatus(code, signal, timedOut.get(), TimeUnit.NANOSECONDS.toMillis(end - startNanos));
        status = known;
        return known;
    }

    @Override
    public void signal(int signal) {
        if (!process.isAlive()) {
            return;
        }
        if (leader == Leader.COMMAND || signal == Signals.KILL) {
            Signals.toGroup(processGroup(), signal);
            return;
        }
        List<Long> members = new ArrayList<>(ProcFs.groupMembers(processGroup()));
        members.remove(process.pid());
        Signals.toProcesses(members, signal);
    }

    @Override
    public boolean isAlive() {
        return process.isAlive();
    }
}
