package dev.hearth.cli.run;

import dev.hearth.cli.run.ConsoleStyle.Ansi;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.RunListener;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live view of a run on a terminal. Every line starts with the time and where it comes from,
 * {@code 12:03:04 [build (ubuntu) / Run make]  text}; standard error lines carry a {@code !}, lines
 * inside a {@code ::group::} are indented under their {@code ▶ title}, debug lines and the runner's
 * echo of each script show only when verbose, annotations read {@code Warning: text}, and each step and job ends with its result and
 * duration.
 *
 * <p>Jobs running in parallel call from different threads: each line is printed whole with one
 * {@code println} under a lock, so lines never mix mid-line. What is printed is already masked by
 * the engine.
 */
public final class ConsoleListener implements RunListener {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** Colors that tell parallel jobs apart; red, green and yellow are kept for results. */
    private static final Ansi[] JOB_COLORS = {Ansi.CYAN, Ansi.MAGENTA, Ansi.BLUE};
    private static final String INDENT = "  ";
    /** How long a line may wait in a live console's buffer. */
    static final java.time.Duration FLUSH_EVERY = java.time.Duration.ofMillis(50);

    private final PrintWriter out;
    private final ConsoleStyle style;
    private final boolean verbose;
    private final Clock clock;
    private final Object lock = new Object();
    /** Jobs whose log is inside a group now; GitHub ends an open group with its step. */
    private final Map<JobKey, Boolean> grouped = new ConcurrentHashMap<>();
    private final Map<JobKey, Ansi> jobColors = new ConcurrentHashMap<>();
    private volatile Second lastSecond;
    /** Whether lines are flushed by {@link #flushLoop} rather than one by one. */
    private final boolean batched;
    /** Whether lines were written since the last flush (batched only). */
    private volatile boolean pending;

    /**
     * @param out     where lines go (flushed after each)
     * @param style   colors and marks
     * @param verbose whether debug lines are shown
     * @param clock   the time of events that carry none (starts and ends) and the zone of all times
     */
    public ConsoleListener(PrintWriter out, ConsoleStyle style, boolean verbose, Clock clock) {
        this(out, style, verbose, clock, false);
    }

    private ConsoleListener(PrintWriter out, ConsoleStyle style, boolean verbose, Clock clock, boolean batched) {
        this.out = out;
        this.style = style;
        this.verbose = verbose;
        this.clock = clock;
        this.batched = batched;
    }

    /**
     * A console for a terminal or a pipe a person follows: a line shows within {@link #FLUSH_EVERY}, not
     * flushed through the writer's layers one line at a time (two lines a step, costing a run of many
     * short steps as much as a tenth of its engine's time); the end of every workflow run is flushed at once.
     * The caller flushes {@code out} once it is done with it.
     */
    public static ConsoleListener live(PrintWriter out, ConsoleStyle style, boolean verbose, Clock clock) {
        ConsoleListener listener = new ConsoleListener(out, style, verbose, clock, true);
        Thread.ofVirtual().name("hearth-console-flush").start(listener::flushLoop);
        return listener;
    }

    private void flushLoop() {
        while (true) {
            java.util.concurrent.locks.LockSupport.parkNanos(FLUSH_EVERY.toNanos());
            if (pending) {
                pending = false;
                out.flush();
            }
        }
    }

    @Override
    public void runStarted(String workflow) {
        emit(time(clock.instant()) + " " + style.paint("Workflow " + workflow, Ansi.BOLD));
    }

    @Override
    public void runFinished(dev.hearth.engine.RunResult result) {
        if (batched) {
            pending = false;
            out.flush(); // what follows a run (its summary) may go to another stream
        }
    }

    @Override
    public void jobStarted(JobKey job) {
        grouped.remove(job);
        emit(clock.instant(), job, null, "  ", style.paint("Job started", Ansi.BOLD));
    }

    @Override
    public void stepStarted(JobKey job, StepKey step) {
        grouped.remove(job);
        emit(clock.instant(), job, step, "  ", style.paint(style.unicode() ? "\u25b7 started" : "started", Ansi.DIM));
    }

    @Override
    public void log(JobKey job, StepKey step, LogLine line) {
        String indent = Boolean.TRUE.equals(grouped.get(job)) ? INDENT : "";
        String mark = line.source() == LogLine.Source.STDERR ? " " + style.paint("!", Ansi.RED) + " " : "  ";
        String text = line.text() == null ? "" : line.text();
        switch (line.kind()) {
            case OUTPUT -> emit(line.time(), job, step, mark, indent, text);
            case COMMAND -> {
                // The runner's own command lines echo the script about to run, which the step's name
                // already begins; they are detail, like debug lines. Commands a step printed show.
                if (verbose || line.source() != LogLine.Source.RUNNER) {
                    emit(line.time(), job, step, mark, indent, style.paint(text, Ansi.CYAN));
                }
            }
            case GROUP -> {
                emit(line.time(), job, step, mark, "", style.paint(style.mark("\u25b6 ", "> ") + text, Ansi.BOLD));
                grouped.put(job, true);
            }
            case ENDGROUP -> grouped.remove(job);
            case DEBUG -> {
                if (verbose) {
                    emit(line.time(), job, step, mark, indent, style.paint("Debug: " + text, Ansi.DIM));
                }
            }
            case NOTICE -> emit(line.time(), job, step, mark, indent, style.paint("Notice: ", Ansi.BOLD) + text);
            case WARNING -> emit(line.time(), job, step, mark, indent, style.paint("Warning: ", Ansi.YELLOW, Ansi.BOLD) + text);
            case ERROR -> emit(line.time(), job, step, mark, indent, style.paint("Error: ", Ansi.RED, Ansi.BOLD) + text);
        }
    }

    @Override
    public void stepFinished(JobKey job, StepResult result) {
        grouped.remove(job);
        StringBuilder text = new StringBuilder(style.paint(style.result(result.conclusion()),
                ConsoleStyle.colorOf(result.conclusion())));
        if (result.conclusion() != Conclusion.SKIPPED && result.duration() != null) {
            text.append(" in ").append(Durations.format(result.duration()));
        }
        if (result.outcome() != null && result.outcome() != result.conclusion()) {
            text.append(" (outcome ").append(result.outcome().word()).append(", continue-on-error)");
        }
        if (result.message() != null && !result.message().isBlank()) {
            text.append(": ").append(result.message());
        }
        emit(clock.instant(), job, result.step(), "  ", text.toString());
    }

    @Override
    public void jobFinished(JobResult result) {
        grouped.remove(result.job());
        StringBuilder text = new StringBuilder(style.paint("Job finished: ", Ansi.BOLD))
                .append(style.paint(style.result(result.result()), ConsoleStyle.colorOf(result.result())));
        if (result.result() != Conclusion.SKIPPED && result.duration() != null) {
            text.append(" in ").append(Durations.format(result.duration()));
        }
        if (result.message() != null && !result.message().isBlank()) {
            text.append(": ").append(result.message());
        }
        emit(clock.instant(), result.job(), null, "  ", text.toString());
    }

    private void emit(Instant time, JobKey job, StepKey step, String mark, String text) {
        emit(time, job, step, mark, "", text);
    }

    /** Prints one line per line of {@code text}, each with the full prefix, together under the lock. */
    private void emit(Instant time, JobKey job, StepKey step, String mark, String indent, String text) {
        String head = time(time) + " " + prefix(job, step) + mark + indent;
        if (text.indexOf('\n') < 0) {
            emit(head + text);
            return;
        }
        synchronized (lock) {
            for (String part : text.split("\n", -1)) {
                out.println(head + part);
            }
            flush();
        }
    }

    private void emit(String line) {
        String whole = line + System.lineSeparator(); // one write, not the line and then its end
        synchronized (lock) {
            out.write(whole);
            flush();
        }
    }

    private void flush() {
        if (batched) {
            pending = true;
        } else {
            out.flush();
        }
    }

    private String time(Instant t) {
        Instant at = t == null ? clock.instant() : t;
        Second last = lastSecond;
        if (last != null && last.epochSecond() == at.getEpochSecond()) {
            return last.text(); // most lines fall in the second before; formatting a time is not cheap
        }
        String text = TIME.format(at.atZone(clock.getZone()));
        lastSecond = new Second(at.getEpochSecond(), text);
        return text;
    }

    /** A second as last printed. */
    private record Second(long epochSecond, String text) {
    }

    private String prefix(JobKey job, StepKey step) {
        String where = job == null ? "" : job.displayName();
        if (step != null) {
            where = where + " / " + step.name();
        }
        if (!style.color()) {
            return "[" + where + "]";
        }
        Ansi color = job == null ? Ansi.BOLD
                : jobColors.computeIfAbsent(job, k -> JOB_COLORS[jobColors.size() % JOB_COLORS.length]);
        return style.paint("[" + where + "]", color);
    }
}
