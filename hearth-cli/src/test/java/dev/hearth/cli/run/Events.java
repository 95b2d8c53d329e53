package dev.hearth.cli.run;

import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.commands.Annotation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for the engine's event and result records, to feed the listener and the reports. */
final class Events {
    static final Instant T0 = Instant.parse("2026-11-21T12:03:04Z");

    private Events() {
    }

    static JobKey job(String id) {
        return new JobKey(id, id, Map.of());
    }

    static JobKey leg(String id, String os) {
        return new JobKey(id, id + " (" + os + ")", Map.of("os", os));
    }

    static StepKey step(int n, String name) {
        return new StepKey(n, "__run" + (n == 1 ? "" : "_" + n), name);
    }

    static LogLine out(String text) {
        return new LogLine(T0, LogLine.Source.STDOUT, LogLine.Kind.OUTPUT, text);
    }

    static LogLine err(String text) {
        return new LogLine(T0, LogLine.Source.STDERR, LogLine.Kind.OUTPUT, text);
    }

    static LogLine kind(LogLine.Kind kind, String text) {
        return new LogLine(T0, LogLine.Source.STDOUT, kind, text);
    }

    static StepResult stepResult(StepKey step, Conclusion c, long ms, String message) {
        return new StepResult(step, c, c, c == Conclusion.SKIPPED ? null : c == Conclusion.SUCCESS ? 0 : 2,
                Duration.ofMillis(ms), Map.of(), message);
    }

    static JobResult jobResult(JobKey job, Conclusion c, long ms, List<StepResult> steps, List<Annotation> annotations,
                               String summary, String message) {
        return new JobResult(job, c, Duration.ofMillis(ms), Map.of(), steps, annotations, summary, message);
    }
}
