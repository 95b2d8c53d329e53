package dev.hearth.engine;

import dev.hearth.engine.commands.Annotation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How a job ended.
 *
 * @param job         which job
 * @param result      its result ({@code needs.<id>.result})
 * @param duration    how long it took
 * @param outputs     its evaluated {@code outputs:} (masked)
 * @param steps       its steps' results, in order (skipped steps included)
 * @param annotations the notices, warnings and errors it raised
 * @param summary     the Markdown its steps wrote to GITHUB_STEP_SUMMARY, joined (masked), or empty
 * @param message     why it failed or was skipped, for people, or null
 */
public record JobResult(JobKey job, Conclusion result, Duration duration, Map<String, String> outputs,
                        List<StepResult> steps, List<Annotation> annotations, String summary, String message) {
    public JobResult {
        outputs = Map.copyOf(outputs);
        steps = List.copyOf(steps);
        annotations = List.copyOf(annotations);
        summary = summary == null ? "" : summary;
    }
}
