package dev.hearth.workflow.build;

import static dev.hearth.workflow.Workflows.problems;
import static dev.hearth.workflow.Workflows.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.Strategy;
import dev.hearth.workflow.model.UsesStep;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.trigger.EventTrigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionsAndModelTest {

    private static RunnerJob job(String ifLine) {
        ReadResult r = read("on: push\njobs:\n  a:\n    runs-on: x\n" + ifLine + "    steps:\n      - run: echo\n");
        assertThat(r.problems()).isEmpty();
        return (RunnerJob) r.workflow().jobs().get(0);
    }

    @Test
    void conditionsAreWhatGitHubEvaluates() {
        assertThat(job("").condition()).isEqualTo("success()");
        assertThat(job("    if: github.ref == 'x'\n").condition()).isEqualTo("success() && (github.ref == 'x')");
        assertThat(job("    if: ${{ github.ref == 'x' }}\n").condition()).isEqualTo("success() && (github.ref == 'x')");
        assertThat(job("    if: always() && github.ref\n").condition()).isEqualTo("always() && github.ref");
        assertThat(job("    if: ${{ failure() }}\n").condition()).isEqualTo("failure()");
        assertThat(job("    if: false\n").condition()).isEqualTo("success() && (false)");
        assertThat(job("    if: \"'success()' == github.ref\"\n").condition())
                .isEqualTo("success() && ('success()' == github.ref)");
        assertThat(job("    if: false || ${{ true && true }}\n").condition())
                .isEqualTo("success() && (format('false || {0}', true && true))");
    }

    @Test
    void aJobsIfMayNameJobsInSuccessAndFailureButAStepsMayNot() {
        ReadResult r = read("""
                on: push
                jobs:
                  a:
                    runs-on: x
                    steps: [{run: echo}]
                  b:
                    needs: a
                    if: ${{ success('a', 'b') || failure('a') }}
                    runs-on: x
                    steps: [{run: echo}]
                  c:
                    needs: a
                    if: success('a') && always()
                    runs-on: x
                    steps: [{run: echo}]
                """);
        assertThat(problems(r)).isEmpty();
        assertThat(r.workflow().jobs().get(1).condition()).isEqualTo("success('a', 'b') || failure('a')");
        ReadResult wrong = read("""
                on: push
                jobs:
                  a:
                    runs-on: x
                    if: ${{ always('a') }}
                    steps:
                      - run: echo
                        if: ${{ success('a') }}
                      - run: echo
                        if: failure('a')
                """);
        // Each reported once, where GitHub reports it.
        assertThat(problems(wrong)).containsExactly(
                "5:9 Too many parameters supplied: 'always'. Located at position 1 within expression: always('a')",
                "8:13 Too many parameters supplied: 'success'. Located at position 1 within expression: success('a')",
                "10:13 Too many parameters supplied: 'failure'. Located at position 1 within expression: failure('a')");
    }

    @Test
    void reportsConditionsThatDoNotParseOrUseUnavailableContexts() {
        ReadResult r = read("""
                on: push
                jobs:
                  a:
                    runs-on: x
                    if: steps.x.outcome == 'success'
                    steps:
                      - run: echo
                        if: github.ref ==
                """);
        assertThat(problems(r)).hasSize(2);
        assertThat(r.problems().get(0).message()).startsWith("Unrecognized named-value: 'steps'");
        assertThat(r.problems().get(1).line()).isEqualTo(8);
    }

    @Test
    void buildsTheModel() {
        ReadResult r = read("""
                name: CI
                on:
                  push:
                    branches: [main]
                    paths-ignore: ['docs/**']
                  schedule:
                    - cron: '0 */12 * * *'
                  workflow_dispatch:
                    inputs:
                      level:
                        type: choice
                        options: [a, b]
                        default: a
                env:
                  A: 1
                permissions: read-all
                jobs:
                  build:
                    runs-on: [self-hosted, linux]
                    strategy:
                      fail-fast: false
                      matrix:
                        os: [ubuntu, macos]
                        node: [18, 20.5]
                        include:
                          - os: windows
                            experimental: true
                    steps:
                      - id: hello
                        run: echo ${{ matrix.os }}
                        if: success()
                      - uses: actions/checkout@v4
                        with:
                          depth: 1
                  call:
                    needs: build
                    uses: ./.github/workflows/other.yml
                    secrets: inherit
                    with:
                      n: 3
                """, ReadOptions.defaults().withAllowUnresolvedCalls(true)); // other.yml does not exist
        assertThat(r.problems()).isEmpty();
        Workflow w = r.workflow();
        assertThat(w.name()).isEqualTo("CI");
        assertThat(w.on()).extracting(EventTrigger::event).containsExactly("push", "schedule", "workflow_dispatch");
        assertThat(w.on().get(0).branches().patterns()).containsExactly("main");
        assertThat(w.on().get(0).paths().ignore()).isTrue();
        assertThat(w.on().get(1).crons()).containsExactly("0 */12 * * *");
        assertThat(w.dispatchInputs().get("level").options()).containsExactly("a", "b");
        assertThat(w.env()).containsEntry("A", "1");
        assertThat(w.permissions().level("contents")).isEqualTo("read");
        RunnerJob build = (RunnerJob) w.jobs().get(0);
        assertThat(build.runsOn().labels()).containsExactly("self-hosted", "linux");
        Strategy s = build.strategy();
        assertThat(s.failFast()).isEqualTo(false);
        Map<String, Object> matrix = s.matrixData();
        assertThat(matrix).isInstanceOf(LinkedHashMap.class);
        assertThat(matrix.keySet()).containsExactly("os", "node", "include");
        assertThat(matrix.get("node")).isEqualTo(List.of(18.0, 20.5));
        assertThat(((List<?>) matrix.get("include")).get(0)).isEqualTo(Map.of("os", "windows", "experimental", true));
        RunStep hello = (RunStep) build.steps().get(0);
        assertThat(hello.id()).isEqualTo("hello");
        assertThat(hello.run()).isEqualTo("echo ${{ matrix.os }}");
        assertThat(hello.condition()).isEqualTo("success()");
        UsesStep checkout = (UsesStep) build.steps().get(1);
        assertThat(checkout.id()).isNull();
        assertThat(checkout.with()).containsEntry("depth", "1");
        ReusableWorkflowJob call = (ReusableWorkflowJob) w.jobs().get(1);
        assertThat(call.needs()).containsExactly("build");
        assertThat(call.secretsInherit()).isTrue();
        assertThat(call.with()).containsEntry("n", 3.0);
        assertThat(call.called()).isNull();
        assertThat(r.unresolved()).containsExactly("./.github/workflows/other.yml");
    }

    @Test
    void keepsAMatrixExpressionAsWritten() {
        ReadResult r = read("""
                on: push
                jobs:
                  a:
                    runs-on: x
                    strategy:
                      matrix: ${{ fromJSON(needs.x.outputs.m) }}
                    steps:
                      - run: echo
                """);
        assertThat(r.problems()).isEmpty();
        assertThat(((RunnerJob) r.workflow().jobs().get(0)).strategy().matrixExpression())
                .isEqualTo("${{ fromJSON(needs.x.outputs.m) }}");
    }

    @Test
    void checksIdsNeedsMatrixRunsOnAndUses() {
        ReadResult r = read("""
                on: push
                jobs:
                  my.job:
                    runs-on: x
                    steps:
                      - run: echo
                  __a:
                    runs-on: x
                    steps:
                      - run: echo
                  b:
                    needs: [zz, B2]
                    runs-on:
                      group: ent/my-group
                    strategy:
                      matrix:
                        os: []
                    steps:
                      - uses: badrepo@v1
                      - uses: docker://alpine
                      - uses: ./local
                        id: s
                      - run: echo
                        id: S
                  b2:
                    needs: b
                    runs-on: x
                    steps:
                      - run: echo
                """);
        assertThat(problems(r)).containsExactly(
                "3:3 The identifier 'my.job' is invalid. IDs may only contain alphanumeric characters, '_', and '-'. "
                        + "IDs must start with a letter or '_' and and must be less than 100 characters.",
                "7:3 The identifier '__a' is invalid. IDs starting with '__' are reserved.",
                "12:13 Job 'b' depends on unknown job 'zz'.",
                "12:17 Job 'b' depends on job 'B2' which creates a cycle in the dependency graph.",
                "14:14 Invalid runs-on group name 'ent/my-group'. Please use 'organization/' or 'enterprise/' prefix "
                        + "to target a single runner group.",
                "17:13 Matrix vector 'os' does not contain any values",
                "19:15 Expected format {org}/{repo}[/path]@ref. Actual 'badrepo@v1'",
                "24:13 The identifier 'S' may not be used more than once within the same scope.",
                "26:12 Job 'b2' depends on job 'b' which creates a cycle in the dependency graph.");
    }

    @Test
    void needsAJobWithoutDependencies() {
        assertThat(problems(read("on: push\njobs: {}\n")))
                .containsExactly("2:7 The workflow must contain at least one job with no dependencies.");
        ReadResult r = read("""
                on: push
                jobs:
                  one:
                    needs: two
                    runs-on: x
                    steps: [{run: echo}]
                  two:
                    needs: one
                    runs-on: x
                    steps: [{run: echo}]
                """);
        assertThat(problems(r)).containsExactly("3:3 The workflow must contain at least one job with no dependencies.");
    }

    @Test
    void withoutAStartJobAMisspeltNeedIsNamedToo() {
        ReadResult r = read("""
                on: push
                jobs:
                  build:
                    needs: biuld
                    runs-on: x
                    steps: [{run: echo}]
                """);
        assertThat(problems(r)).containsExactly(
                "3:3 The workflow must contain at least one job with no dependencies.",
                "4:12 Job 'build' depends on unknown job 'biuld'.");
    }

    @Test
    void warnsAboutFiltersGitHubRefusesOnlyAtRunTime() {
        ReadResult r = read("""
                on:
                  push:
                    branches: [main]
                    branches-ignore: [dev]
                jobs:
                  a:
                    runs-on: x
                    steps: [{run: echo}]
                """);
        assertThat(r.valid()).isTrue();
        assertThat(r.warnings()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(4));
    }

    @Test
    void checksCronLines() {
        ReadResult r = read("""
                on:
                  schedule:
                    - cron: '0 25 * * *'
                    - cron: '*/5 * * JAN-MAR MON'
                jobs:
                  a:
                    runs-on: x
                    steps: [{run: echo}]
                """);
        assertThat(problems(r)).containsExactly("3:13 Invalid cron expression. Expected format: '* * * * *' "
                + "(minute hour day month weekday)");
    }

    @Test
    void checksMatrixShapes() {
        ReadResult r = read("""
                on: push
                jobs:
                  a:
                    runs-on: x
                    strategy:
                      matrix:
                        os: [linux]
                        exclude:
                          - os: linux
                            arch: arm
                    steps: [{run: echo}]
                  b:
                    runs-on: x
                    strategy:
                      matrix: {}
                    steps: [{run: echo}]
                  c:
                    runs-on: x
                    strategy:
                      matrix:
                        include: [{os: linux}]
                        vec: ubuntu
                    steps: [{run: echo}]
                """);
        assertThat(problems(r)).containsExactly(
                "10:13 Matrix exclude key 'arch' does not match any key within the matrix",
                "15:15 Matrix must define at least one vector",
                "22:14 Unexpected value 'ubuntu'");
    }
}
