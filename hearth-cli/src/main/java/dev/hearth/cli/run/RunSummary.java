package dev.hearth.cli.run;

import dev.hearth.cli.run.ConsoleStyle.Ansi;
import dev.hearth.cli.run.TextTable.Cell;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.commands.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@code hearth run} prints when everything has ended: per workflow a table of jobs and steps
 * with result and duration; then each job's step summary (its Markdown, as text); then every
 * annotation; then one line with the verdict and the wall time, {@code Run succeeded in 12.3s}.
 */
public final class RunSummary {
    private RunSummary() {
    }

    /**
     * Renders the summary.
     *
     * @param runs     the workflows that ran, in order
     * @param notRun   workflows that were to run but did not because the run was cancelled first
     * @param duration the wall time of the whole command
     */
    public static String render(List<WorkflowRun> runs, List<Path> notRun, Duration duration, ConsoleStyle style) {
        StringBuilder out = new StringBuilder();
        for (WorkflowRun run : runs) {
            out.append('\n').append(style.paint("Workflow " + run.result().workflow(), Ansi.BOLD))
                    .append(" (").append(run.file()).append(", ").append(run.event()).append(")\n");
            out.append(table(run, style));
        }
        for (Path p : notRun) {
            out.append('\n').append("Not run: ").append(p).append(" (the run was cancelled first)\n");
        }
        summaries(runs, style, out);
        annotations(runs, style, out);
        Conclusion verdict = notRun.isEmpty() ? WorkflowRun.overall(runs) : Conclusion.CANCELLED;
        String word = switch (verdict) {
            case SUCCESS, SKIPPED -> "succeeded";
            case FAILURE -> "failed";
            case CANCELLED -> "cancelled";
        };
        out.append('\n').append(style.paint("Run " + word, ConsoleStyle.colorOf(verdict), Ansi.BOLD))
                .append(" in ").append(Durations.format(duration)).append('\n');
        return out.toString();
    }

    /** One row per job, its steps under it; a NOTE column only when something needs explaining. */
    static String table(WorkflowRun run, ConsoleStyle style) {
        boolean notes = false;
        for (JobResult job : run.result().jobs()) {
            notes |= hasText(job.message());
            for (StepResult step : job.steps()) {
                notes |= hasText(step.message());
            }
        }
        TextTable table = notes ? new TextTable("JOB", "STEP", "RESULT", "DURATION", "NOTE")
                : new TextTable("JOB", "STEP", "RESULT", "DURATION");
        for (JobResult job : run.result().jobs()) {
            table.row(new Cell(job.job().displayName(), Ansi.BOLD), new Cell(""), result(job.result(), style),
                    new Cell(duration(job.result(), job.duration())), new Cell(firstLine(job.message(), style)));
            for (StepResult step : job.steps()) {
                table.row(new Cell(""), new Cell(step.step().name()), result(step.conclusion(), style),
                        new Cell(duration(step.conclusion(), step.duration())), new Cell(firstLine(step.message(), style)));
            }
        }
        if (table.isEmpty()) {
            return "(no job ran)\n";
        }
        return table.render(style);
    }

    private static void summaries(List<WorkflowRun> runs, ConsoleStyle style, StringBuilder out) {
        for (WorkflowRun run : runs) {
            for (JobResult job : run.result().jobs()) {
                if (job.summary().isBlank()) {
                    continue;
                }
                out.append('\n').append(style.paint("Summary of " + job.job().displayName(), Ansi.BOLD)).append('\n');
                for (String line : job.summary().strip().split("\r?\n", -1)) {
                    out.append(line.isEmpty() ? "" : "  " + line).append('\n');
                }
            }
        }
    }

    private static void annotations(List<WorkflowRun> runs, ConsoleStyle style, StringBuilder out) {
        boolean first = true;
        for (WorkflowRun run : runs) {
            for (JobResult job : run.result().jobs()) {
                for (Annotation a : job.annotations()) {
                    if (first) {
                        out.append('\n').append(style.paint("Annotations", Ansi.BOLD)).append('\n');
                        first = false;
                    }
                    out.append(annotation(a, style)).append("  (").append(job.job().displayName()).append(")\n");
                }
            }
        }
    }

    /** {@code Warning: file:line:col: title: message}, as much of it as is known. */
    public static String annotation(Annotation a, ConsoleStyle style) {
        String label = switch (a.level()) {
            case NOTICE -> style.paint("Notice:", Ansi.BOLD);
            case WARNING -> style.paint("Warning:", Ansi.YELLOW, Ansi.BOLD);
            case ERROR -> style.paint("Error:", Ansi.RED, Ansi.BOLD);
        };
        StringBuilder b = new StringBuilder(label).append(' ');
        if (!a.location().isEmpty()) {
            b.append(a.location()).append(": ");
        }
        if (hasText(a.title())) {
            b.append(a.title()).append(": ");
        }
        return b.append(a.message() == null ? "" : a.message().replace("\n", "\n    ")).toString();
    }

    private static Cell result(Conclusion c, ConsoleStyle style) {
        return new Cell(style.result(c), ConsoleStyle.colorOf(c));
    }

    private static String duration(Conclusion c, Duration d) {
        return c == Conclusion.SKIPPED ? "" : Durations.format(d);
    }

    private static boolean hasText(String s) {
        return s != null && !s.isBlank();
    }

    private static String firstLine(String s, ConsoleStyle style) {
        if (!hasText(s)) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl) + " " + style.ellipsis();
    }
}
