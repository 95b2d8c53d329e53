package dev.hearth.cli.run;

import static dev.hearth.cli.run.Events.job;
import static dev.hearth.cli.run.Events.jobResult;
import static dev.hearth.cli.run.Events.leg;
import static dev.hearth.cli.run.Events.step;
import static dev.hearth.cli.run.Events.stepResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobResult;
import dev.hearth.engine.RunResult;
import dev.hearth.engine.commands.Annotation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSummaryTest {

    static WorkflowRun failedRun() {
        JobResult build = jobResult(leg("build", "ubuntu"), Conclusion.FAILURE, 1500, List.of(
                        stepResult(step(1, "Run make"), Conclusion.SUCCESS, 1200, null),
                        stepResult(step(2, "Run tests"), Conclusion.FAILURE, 300, "Process completed with exit code 2."),
                        stepResult(step(3, "Upload"), Conclusion.SKIPPED, 0, null)),
                List.of(new Annotation(Annotation.Level.ERROR, "expected 3, got 4", "Test failed", "test/a_test.c", 12,
                                null, 5, null),
                        Annotation.of(Annotation.Level.WARNING, "Node 16 is deprecated")),
                "## Test report\n\n| passed | failed |\n|---|---|\n| 41 | 1 |\n", "a step failed");
        JobResult deploy = jobResult(job("deploy"), Conclusion.SKIPPED, 0, List.of(), List.of(), "", null);
        return new WorkflowRun(Path.of(".github/workflows/ci.yml"), "push",
                new RunResult("CI", Conclusion.FAILURE, Duration.ofMillis(1700), List.of(build, deploy)));
    }

    @Test
    void tableSummariesAnnotationsThenTheVerdict() {
        String text = RunSummary.render(List.of(failedRun()), List.of(), Duration.ofMillis(12_345), ConsoleStyle.PLAIN);
        assertThat(text).isEqualTo("""

                Workflow CI (.github/workflows/ci.yml, push)
                JOB             STEP       RESULT   DURATION  NOTE
                build (ubuntu)             failure  1.5s      a step failed
                                Run make   success  1.2s
                                Run tests  failure  300ms     Process completed with exit code 2.
                                Upload     skipped
                deploy                     skipped

                Summary of build (ubuntu)
                  ## Test report

                  | passed | failed |
                  |---|---|
                  | 41 | 1 |

                Annotations
                Error: test/a_test.c:12:5: Test failed: expected 3, got 4  (build (ubuntu))
                Warning: Node 16 is deprecated  (build (ubuntu))

                Run failed in 12.3s
                """);
    }

    @Test
    void successWithoutNotesHasNoNoteColumnAndUnicodeMarks() {
        RunResult ok = new RunResult("lint.yml", Conclusion.SUCCESS, Duration.ofSeconds(2), List.of(
                jobResult(job("lint"), Conclusion.SUCCESS, 2000,
                        List.of(stepResult(step(1, "Run eslint ."), Conclusion.SUCCESS, 1900, null)), List.of(), "", null)));
        String text = RunSummary.render(List.of(new WorkflowRun(Path.of("lint.yml"), "pull_request", ok)), List.of(),
                Duration.ofMillis(2100), new ConsoleStyle(false, true));
        assertThat(text).isEqualTo("""

                Workflow lint.yml (lint.yml, pull_request)
                JOB   STEP          RESULT     DURATION
                lint                \u2713 success  2.0s
                      Run eslint .  \u2713 success  1.9s

                Run succeeded in 2.1s
                """);
    }

    @Test
    void cancelledBeforeLaterWorkflows() {
        RunResult cancelled = new RunResult("A", Conclusion.CANCELLED, Duration.ofSeconds(1), List.of(
                jobResult(job("a"), Conclusion.CANCELLED, 1000, List.of(), List.of(), "", "The run was cancelled")));
        String text = RunSummary.render(List.of(new WorkflowRun(Path.of("a.yml"), "push", cancelled)),
                List.of(Path.of("b.yml")), Duration.ofSeconds(1), ConsoleStyle.PLAIN);
        assertThat(text).contains("a          cancelled  1.0s      The run was cancelled",
                "Not run: b.yml (the run was cancelled first)").endsWith("\nRun cancelled in 1.0s\n");
        assertThat(WorkflowRun.overall(List.of(failedRun(), new WorkflowRun(Path.of("a.yml"), "push", cancelled))))
                .isEqualTo(Conclusion.CANCELLED);
    }

    @Test
    void aWorkflowWithNoJobSaysSo() {
        RunResult none = new RunResult("E", Conclusion.SUCCESS, Duration.ZERO, List.of());
        assertThat(RunSummary.render(List.of(new WorkflowRun(Path.of("e.yml"), "push", none)), List.of(), Duration.ZERO,
                ConsoleStyle.PLAIN)).contains("(no job ran)\n").endsWith("Run succeeded in 0ms\n");
    }
}
