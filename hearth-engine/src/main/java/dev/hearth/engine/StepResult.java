package dev.hearth.engine;

import java.time.Duration;
import java.util.Map;

/**
 * How a step ended.
 *
 * @param step       which step
 * @param outcome    the result before {@code continue-on-error} ({@code steps.<id>.outcome})
 * @param conclusion the result after it ({@code steps.<id>.conclusion})
 * @param exitCode   the command's exit code, or null when no command ran
 * @param duration   how long it took
 * @param outputs    what it wrote to GITHUB_OUTPUT (masked)
 * @param message    why it failed or was skipped, for people, or null
 */
public record StepResult(StepKey step, Conclusion outcome, Conclusion conclusion, Integer exitCode,
                         Duration duration, Map<String, String> outputs, String message) {
    public StepResult {
        outputs = Map.copyOf(outputs);
    }

    /** A step that did not run, and why. */
    public static StepResult skipped(StepKey step, String why) {
        return new StepResult(step, Conclusion.SKIPPED, Conclusion.SKIPPED, null, Duration.ZERO, Map.of(), why);
    }
}
