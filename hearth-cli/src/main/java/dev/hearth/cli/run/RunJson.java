package dev.hearth.cli.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.RunResult;
import dev.hearth.engine.StepResult;
import dev.hearth.engine.commands.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The results of {@code hearth run --json}: one object with the overall conclusion, the wall time
 * and one entry per workflow run, each a {@link RunResult} with its jobs, steps, outputs,
 * annotations and summaries. Durations are whole milliseconds ({@code durationMs}); conclusions are
 * GitHub's lower-case words ({@code success}, {@code failure}, {@code cancelled}, {@code skipped}).
 */
public final class RunJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunJson() {
    }

    /**
     * @param runs     the workflows that ran
     * @param notRun   workflows left out because the run was cancelled before them
     * @param duration the wall time of the whole command
     */
    public static ObjectNode of(List<WorkflowRun> runs, List<Path> notRun, Duration duration) {
        ObjectNode root = JSON.createObjectNode();
        Conclusion overall = notRun.isEmpty() ? WorkflowRun.overall(runs) : Conclusion.CANCELLED;
        root.put("conclusion", overall.word());
        root.put("durationMs", duration.toMillis());
        ArrayNode array = root.putArray("runs");
        for (WorkflowRun run : runs) {
            array.add(run(run));
        }
        ArrayNode skipped = root.putArray("notRun");
        for (Path p : notRun) {
            skipped.add(p.toString());
        }
        return root;
    }

    static ObjectNode run(WorkflowRun run) {
        RunResult r = run.result();
        ObjectNode o = JSON.createObjectNode();
        o.put("workflow", r.workflow());
        o.put("file", run.file().toString());
        o.put("event", run.event());
        o.put("conclusion", r.conclusion().word());
        o.put("durationMs", millis(r.duration()));
        ArrayNode jobs = o.putArray("jobs");
        for (JobResult job : r.jobs()) {
            jobs.add(job(job));
        }
        return o;
    }

    private static ObjectNode job(JobResult job) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", job.job().id());
        o.put("name", job.job().displayName());
        o.set("matrix", JSON.valueToTree(job.job().matrix()));
        o.put("result", job.result().word());
        o.put("durationMs", millis(job.duration()));
        o.set("outputs", strings(job.outputs()));
        o.put("message", job.message());
        ArrayNode steps = o.putArray("steps");
        for (StepResult step : job.steps()) {
            steps.add(step(step));
        }
        ArrayNode annotations = o.putArray("annotations");
        for (Annotation a : job.annotations()) {
            annotations.add(annotation(a));
        }
        o.put("summary", job.summary());
        return o;
    }

    private static ObjectNode step(StepResult step) {
        ObjectNode o = JSON.createObjectNode();
        o.put("number", step.step().number());
        o.put("id", step.step().id());
        o.put("name", step.step().name());
        o.put("outcome", step.outcome() == null ? null : step.outcome().word());
        o.put("conclusion", step.conclusion() == null ? null : step.conclusion().word());
        o.put("exitCode", step.exitCode());
        o.put("durationMs", millis(step.duration()));
        o.set("outputs", strings(step.outputs()));
        o.put("message", step.message());
        return o;
    }

    private static ObjectNode annotation(Annotation a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("level", a.level().name().toLowerCase(java.util.Locale.ROOT));
        o.put("message", a.message());
        o.put("title", a.title());
        o.put("file", a.file());
        o.put("line", a.line());
        o.put("endLine", a.endLine());
        o.put("column", a.column());
        o.put("endColumn", a.endColumn());
        return o;
    }

    /** Keys in a stable order: outputs come from maps whose order says nothing. */
    private static ObjectNode strings(Map<String, String> map) {
        ObjectNode o = JSON.createObjectNode();
        map.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.put(e.getKey(), e.getValue()));
        return o;
    }

    private static long millis(Duration d) {
        return d == null ? 0 : d.toMillis();
    }
}
