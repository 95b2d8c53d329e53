package dev.hearth.cli.run;

import static dev.hearth.cli.run.Events.T0;
import static dev.hearth.cli.run.Events.err;
import static dev.hearth.cli.run.Events.job;
import static dev.hearth.cli.run.Events.kind;
import static dev.hearth.cli.run.Events.leg;
import static dev.hearth.cli.run.Events.out;
import static dev.hearth.cli.run.Events.step;
import static dev.hearth.cli.run.Events.stepResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.engine.Conclusion;
import dev.hearth.engine.JobKey;
import dev.hearth.engine.LogLine;
import dev.hearth.engine.LogLine.Kind;
import dev.hearth.engine.StepKey;
import dev.hearth.engine.StepResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ConsoleListenerTest {

    private final StringWriter text = new StringWriter();
    private final Clock clock = Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC);

    private ConsoleListener listener(ConsoleStyle style, boolean verbose) {
        return new ConsoleListener(new PrintWriter(text), style, verbose, clock);
    }

    private List<String> lines() {
        return text.toString().lines().toList();
    }

    @Test
    void stepLifeWithPrefixTimesAndResults() {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        JobKey build = leg("build", "ubuntu");
        StepKey make = step(1, "Run make");
        l.runStarted("CI");
        l.jobStarted(build);
        l.stepStarted(build, make);
        l.log(build, make, out("cc -o app main.c"));
        l.log(build, make, err("main.c:3: warning: unused"));
        l.stepFinished(build, stepResult(make, Conclusion.SUCCESS, 1234, null));
        l.stepFinished(build, stepResult(step(2, "Deploy"), Conclusion.SKIPPED, 0, null));
        l.jobFinished(Events.jobResult(build, Conclusion.SUCCESS, 2050, List.of(), List.of(), "", null));
        assertThat(lines()).containsExactly(
                "12:03:05 Workflow CI",
                "12:03:05 [build (ubuntu)]  Job started",
                "12:03:05 [build (ubuntu) / Run make]  started",
                "12:03:04 [build (ubuntu) / Run make]  cc -o app main.c",
                "12:03:04 [build (ubuntu) / Run make] ! main.c:3: warning: unused",
                "12:03:05 [build (ubuntu) / Run make]  success in 1.2s",
                "12:03:05 [build (ubuntu) / Deploy]  skipped",
                "12:03:05 [build (ubuntu)]  Job finished: success in 2.0s");
    }

    @Test
    void unicodeMarks() {
        ConsoleListener l = listener(new ConsoleStyle(false, true), false);
        JobKey j = job("test");
        l.stepStarted(j, step(1, "Run tests"));
        l.log(j, step(1, "Run tests"), kind(Kind.GROUP, "Details"));
        l.stepFinished(j, stepResult(step(1, "Run tests"), Conclusion.FAILURE, 300, "Process completed with exit code 2."));
        l.stepFinished(j, stepResult(step(2, "Lint"), Conclusion.SUCCESS, 40, null));
        l.stepFinished(j, stepResult(step(3, "Docs"), Conclusion.SKIPPED, 0, null));
        assertThat(lines()).containsExactly(
                "12:03:05 [test / Run tests]  \u25b7 started",
                "12:03:04 [test / Run tests]  \u25b6 Details",
                "12:03:05 [test / Run tests]  \u2717 failure in 300ms: Process completed with exit code 2.",
                "12:03:05 [test / Lint]  \u2713 success in 40ms",
                "12:03:05 [test / Docs]  - skipped");
    }

    @Test
    void groupsIndentUntilEndgroupOrTheStepsEnd() {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        JobKey j = job("build");
        StepKey s = step(1, "Install");
        l.log(j, s, out("before"));
        l.log(j, s, kind(Kind.GROUP, "Dependencies"));
        l.log(j, s, out("npm ci"));
        l.log(j, s, err("npm warn deprecated"));
        l.log(j, s, kind(Kind.ENDGROUP, ""));
        l.log(j, s, out("after"));
        l.log(j, s, kind(Kind.GROUP, "Left open"));
        l.log(j, s, out("inside"));
        l.stepFinished(j, stepResult(s, Conclusion.SUCCESS, 5, null));
        l.log(j, step(2, "Next"), out("not indented"));
        assertThat(lines()).containsExactly(
                "12:03:04 [build / Install]  before",
                "12:03:04 [build / Install]  > Dependencies",
                "12:03:04 [build / Install]    npm ci",
                "12:03:04 [build / Install] !   npm warn deprecated",
                "12:03:04 [build / Install]  after",
                "12:03:04 [build / Install]  > Left open",
                "12:03:04 [build / Install]    inside",
                "12:03:05 [build / Install]  success in 5ms",
                "12:03:04 [build / Next]  not indented");
    }

    @Test
    void debugAndTheScriptsEchoOnlyWhenVerbose() {
        JobKey j = job("build");
        StepKey s = step(1, "Run x");
        LogLine echo = new LogLine(T0, LogLine.Source.RUNNER, Kind.COMMAND, "x --all");
        listener(ConsoleStyle.PLAIN, false).log(j, s, kind(Kind.DEBUG, "hidden detail"));
        listener(ConsoleStyle.PLAIN, false).log(j, s, echo);
        assertThat(text.toString()).isEmpty();
        listener(ConsoleStyle.PLAIN, true).log(j, s, kind(Kind.DEBUG, "shown detail"));
        listener(ConsoleStyle.PLAIN, true).log(j, s, echo);
        assertThat(lines()).containsExactly("12:03:04 [build / Run x]  Debug: shown detail", "12:03:04 [build / Run x]  x --all");
    }

    @Test
    void annotationsCommandsAndRunnerLinesOutsideSteps() {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        JobKey j = job("lint");
        StepKey s = step(1, "Run eslint");
        l.log(j, s, kind(Kind.NOTICE, "a.js:1:1: consider this"));
        l.log(j, s, kind(Kind.WARNING, "deprecated"));
        l.log(j, s, kind(Kind.ERROR, "src/b.js:3:7: Missing semicolon"));
        l.log(j, s, kind(Kind.COMMAND, "::unknown-command::printed as it came"));
        l.log(j, s, new LogLine(T0, LogLine.Source.RUNNER, Kind.COMMAND, "make all  # the script, echoed"));
        l.log(j, null, kind(Kind.OUTPUT, "Cleaning up"));
        assertThat(lines()).containsExactly(
                "12:03:04 [lint / Run eslint]  Notice: a.js:1:1: consider this",
                "12:03:04 [lint / Run eslint]  Warning: deprecated",
                "12:03:04 [lint / Run eslint]  Error: src/b.js:3:7: Missing semicolon",
                "12:03:04 [lint / Run eslint]  ::unknown-command::printed as it came",
                "12:03:04 [lint]  Cleaning up");
    }

    @Test
    void continueOnErrorShowsTheOutcomeAndJobFailureItsMessage() {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        JobKey j = job("build");
        StepKey s = step(1, "Flaky");
        l.stepFinished(j, new StepResult(s, Conclusion.FAILURE, Conclusion.SUCCESS, 1, Duration.ofMillis(2500), Map.of(), null));
        l.jobFinished(Events.jobResult(j, Conclusion.FAILURE, 61_000, List.of(), List.of(), "", "a step failed"));
        assertThat(lines()).containsExactly(
                "12:03:05 [build / Flaky]  success in 2.5s (outcome failure, continue-on-error)",
                "12:03:05 [build]  Job finished: failure in 1m 01s: a step failed");
    }

    @Test
    void multiLineTextKeepsThePrefixOnEveryLine() {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        l.log(job("a"), step(1, "s"), kind(Kind.ERROR, "first\nsecond"));
        assertThat(lines()).containsExactly("12:03:04 [a / s]  Error: first", "12:03:04 [a / s]  second");
    }

    @Test
    void colorsOnlyWhenAsked() {
        ConsoleListener l = listener(new ConsoleStyle(true, true), false);
        JobKey j = job("a");
        l.stepFinished(j, stepResult(step(1, "s"), Conclusion.SUCCESS, 10, null));
        assertThat(text.toString()).contains("\u001b[36m[a / s]\u001b[0m", "\u001b[32m\u2713 success\u001b[0m");
    }

    @Test
    void parallelJobsNeverMixWithinALine() throws Exception {
        ConsoleListener l = listener(ConsoleStyle.PLAIN, false);
        int jobs = 8;
        int linesEach = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < jobs; t++) {
            JobKey j = job("job" + t);
            StepKey s = step(1, "step" + t);
            String payload = ("x" + t).repeat(40);
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < linesEach; i++) {
                    l.log(j, s, i % 2 == 0 ? out(payload) : err(payload));
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        List<String> lines = lines();
        assertThat(lines).hasSize(jobs * linesEach);
        for (String line : lines) {
            // The job in the prefix and the text's job agree, and the text is whole.
            assertThat(line).matches("12:03:04 \\[job(\\d) / step\\1\\](  | ! )(x\\1){40}");
        }
    }

    @Test
    void aLiveConsoleShowsEachLineSoonAndAWholeRunAtItsEnd() {
        StringWriter shown = new StringWriter();
        ConsoleListener live = ConsoleListener.live(new PrintWriter(new java.io.BufferedWriter(shown, 1 << 16)),
                ConsoleStyle.PLAIN, false, clock);
        JobKey build = leg("build", "ubuntu");
        live.jobStarted(build);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> shown.toString().contains("Job started"));

        live.stepStarted(build, step(1, "Run make"));
        live.runFinished(new dev.hearth.engine.RunResult("CI", Conclusion.SUCCESS, java.time.Duration.ZERO, List.of()));
        assertThat(shown.toString()).contains("[build (ubuntu) / Run make]  started"); // no wait at a run's end
    }
}
