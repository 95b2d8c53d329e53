package dev.hearth.engine.job;

import dev.hearth.engine.JobKey;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.RunListener;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.commands.Annotation;
import dev.hearth.engine.mask.SecretMasker;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's log: every line is masked before it reaches the listener, and the annotations the job
 * raises are kept for its result.
 */
final class JobLog {
    private final RunListener listener;
    private final SecretMasker masker;
    private final JobKey job;
    private final List<Annotation> annotations = new ArrayList<>();

    JobLog(RunListener listener, SecretMasker masker, JobKey job) {
        this.listener = listener;
        this.masker = masker;
        this.job = job;
    }

    StepLog step(StepKey step) {
        return new StepLog(this, step);
    }

    void line(StepKey step, LogLine.Source source, LogLine.Kind kind, String text) {
        listener.log(job, step, new LogLine(Instant.now(), source, kind, masker.mask(text)));
    }

    void annotate(StepKey step, Annotation annotation) {
        Annotation masked = new Annotation(annotation.level(), masker.mask(annotation.message()),
                annotation.title() == null ? null : masker.mask(annotation.title()), annotation.file(),
                annotation.line(), annotation.endLine(), annotation.column(), annotation.endColumn());
        synchronized (annotations) {
            annotations.add(masked);
        }
        LogLine.Kind kind = switch (annotation.level()) {
            case NOTICE -> LogLine.Kind.NOTICE;
            case WARNING -> LogLine.Kind.WARNING;
            case ERROR -> LogLine.Kind.ERROR;
        };
        String where = masked.location();
        listener.log(job, step, new LogLine(Instant.now(), LogLine.Source.RUNNER, kind,
                where.isEmpty() ? masked.message() : where + ": " + masked.message()));
    }

    void error(String message) {
        annotate(null, Annotation.of(Annotation.Level.ERROR, message));
    }

    void warning(String message) {
        annotate(null, Annotation.of(Annotation.Level.WARNING, message));
    }

    List<Annotation> annotations() {
        synchronized (annotations) {
            return List.copyOf(annotations);
        }
    }

    /** The log of one step of the job; action steps write to it as their {@link dev.hearth.engine.action.StepLog}. */
    record StepLog(JobLog job, StepKey step) implements dev.hearth.engine.action.StepLog {
        void line(LogLine.Source source, LogLine.Kind kind, String text) {
            job.line(step, source, kind, text);
        }

        void annotate(Annotation annotation) {
            job.annotate(step, annotation);
        }

        @Override
        public void output(String line) {
            line(LogLine.Source.RUNNER, LogLine.Kind.OUTPUT, line);
        }

        @Override
        public void debug(String line) {
            line(LogLine.Source.RUNNER, LogLine.Kind.DEBUG, line);
        }

        @Override
        public void error(String message) {
            annotate(Annotation.of(Annotation.Level.ERROR, message));
        }

        @Override
        public void warning(String message) {
            annotate(Annotation.of(Annotation.Level.WARNING, message));
        }
    }
}
