package dev.hearth.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.sandbox.SandboxBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GitHub's semantics, point by point, on real processes in a real sandbox. Each backend runs the same
 * scenarios through a subclass.
 */
abstract class EngineScenarios {
    @TempDir
    Path dir;
    Scenario s;

    abstract SandboxBackend backend();

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(dir, backend());
    }

    static JobResult job(RunResult r, String displayName) {
        return r.jobs().stream().filter(j -> j.job().displayName().equals(displayName)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + displayName + " in " + r.jobs()));
    }

    static StepResult step(JobResult j, String name) {
        return j.steps().stream().filter(x -> x.step().name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no step " + name + " in " + j.steps()));
    }

    // ---- if: and status functions -------------------------------------------------------------

    @Test
    void stepConditionsFollowTheJobStatus() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: ok
                        run: echo ok
                      - name: breaks
                        run: exit 3
                      - name: after failure
                        run: echo should not run
                      - name: on failure
                        if: failure()
                        run: echo failure seen
                      - name: always
                        if: always()
                        run: echo always ran
                      - name: on cancel
                        if: cancelled()
                        run: echo no
                      - name: expression false
                        if: ${{ github.event_name == 'pull_request' }}
                        run: echo no
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.result()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(a, "ok").conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(step(a, "breaks").conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(a, "breaks").exitCode()).isEqualTo(3);
        assertThat(step(a, "breaks").message()).isEqualTo("Process completed with exit code 3.");
        assertThat(step(a, "after failure").conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(step(a, "on failure").conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(step(a, "always").conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(step(a, "on cancel").conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(step(a, "expression false").conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("a")).containsExactly("ok", "failure seen", "always ran");
    }

    @Test
    void jobConditionsSeeTheResultsOfTheirNeeds() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  broken:
                    runs-on: ubuntu-latest
                    steps:
                      - run: exit 1
                  fine:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo fine
                  dependent:
                    needs: broken
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  grandchild:
                    needs: dependent
                    if: failure()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "ancestor failed"
                  report:
                    needs: [broken, fine]
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "broken=${{ needs.broken.result }} fine=${{ needs.fine.result }}"
                  skipped:
                    needs: fine
                    if: needs.fine.result == 'failure'
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        assertThat(job(r, "broken").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "dependent").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(job(r, "grandchild").result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(job(r, "skipped").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("report")).containsExactly("broken=failure fine=success");
        assertThat(s.listener.output("grandchild")).containsExactly("ancestor failed");
    }

    // ---- matrix --------------------------------------------------------------------------------

    @Test
    void matrixLegsGetTheirValuesAndNames() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        os: [linux, mac]
                        v: [1, 2]
                        include:
                          - os: linux
                            v: 3
                        exclude:
                          - os: mac
                            v: 2
                    steps:
                      - run: echo "${{ matrix.os }}-${{ matrix.v }} ${{ strategy.job-index }}/${{ strategy.job-total }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(r.jobs()).extracting(j -> j.job().displayName())
                .containsExactlyInAnyOrder("test (linux, 1)", "test (linux, 2)", "test (mac, 1)", "test (linux, 3)");
        assertThat(s.listener.output("test (mac, 1)")).containsExactly("mac-1 2/4");
    }

    @Test
    void failFastCancelsTheOtherLegs() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        n: [1, 2, 3]
                    steps:
                      - run: exit ${{ matrix.n == 1 && 1 || 0 }}
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "test (1)").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "test (2)").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "test (3)").result()).isEqualTo(Conclusion.CANCELLED);
    }

    @Test
    void withoutFailFastEveryLegRuns() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      fail-fast: false
                      matrix:
                        n: [1, 2, 3]
                    steps:
                      - run: exit ${{ matrix.n == 1 && 1 || 0 }}
                """);
        assertThat(job(r, "test (1)").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "test (2)").result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(job(r, "test (3)").result()).isEqualTo(Conclusion.SUCCESS);
    }

    @Test
    void maxParallelOneRunsLegsOneAtATimeEvenWithJobIsolation() throws Exception {
        s.run("""
                on: push
                jobs:
                  test:
                    runs-on: ubuntu-latest
                    strategy:
                      max-parallel: 1
                      matrix:
                        n: [1, 2, 3]
                    steps:
                      - run: sleep 0.2
                """, b -> b.isolation(Isolation.JOB));
        List<String> legEvents = s.listener.events.stream().filter(e -> e.startsWith("job-")).toList();
        assertThat(legEvents).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(legEvents.get(i)).startsWith("job-start");
            assertThat(legEvents.get(i + 1)).startsWith("job-end");
        }
    }

    @Test
    void matrixFromNeedsOutputsAndCommandLineFilter() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  setup:
                    runs-on: ubuntu-latest
                    outputs:
                      list: ${{ steps.l.outputs.list }}
                    steps:
                      - id: l
                        run: echo 'list=["x","y","z"]' >> "$GITHUB_OUTPUT"
                  use:
                    needs: setup
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        item: ${{ fromJSON(needs.setup.outputs.list) }}
                    steps:
                      - run: echo "item ${{ matrix.item }}"
                """, b -> b.matrixFilter(Map.of("item", "y")));
        assertThat(r.jobs()).as(r.toString()).extracting(j -> j.job().displayName()).containsExactlyInAnyOrder("setup", "use (y)");
        assertThat(s.listener.output("use (y)")).containsExactly("item y");
    }

    // ---- timeouts and continue-on-error ------------------------------------------------------

    @Test
    void stepTimeoutAndContinueOnError() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: slow
                        id: slow
                        timeout-minutes: 0.02
                        continue-on-error: true
                        run: sleep 30
                      - name: tolerated
                        id: tolerated
                        continue-on-error: ${{ true }}
                        run: exit 4
                      - name: report
                        run: |
                          echo "${{ steps.slow.outcome }}/${{ steps.slow.conclusion }}"
                          echo "${{ steps.tolerated.outcome }}/${{ steps.tolerated.conclusion }}"
                """);
        JobResult a = job(r, "a");
        assertThat(a.result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(step(a, "slow").outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(a, "slow").message()).contains("has timed out after 0.02 minutes");
        assertThat(step(a, "slow").duration()).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(s.listener.output("a")).containsExactly("failure/success", "failure/success");
    }

    @Test
    void jobTimeoutFailsTheJobAndJobContinueOnErrorKeepsTheRunGreen() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  slow:
                    runs-on: ubuntu-latest
                    timeout-minutes: 0.02
                    steps:
                      - run: sleep 30
                      - run: echo never
                  flaky:
                    runs-on: ubuntu-latest
                    continue-on-error: true
                    steps:
                      - run: exit 1
                  after:
                    needs: flaky
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "flaky was ${{ needs.flaky.result }}"
                """);
        assertThat(job(r, "slow").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "slow").message()).contains("maximum execution time");
        assertThat(job(r, "slow").steps().get(1).conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(job(r, "flaky").result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("after")).containsExactly("flaky was success");
    }

    // ---- steps made ready ahead (the host agent starts them the moment the step before ends) ----

    @Test
    void aStepPreparedAheadStillSeesWhatTheStepBeforeChanged() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "X=from-env-file" >> "$GITHUB_ENV"
                      - run: echo "x=$X"
                      - id: k
                        run: echo "v=from-k" >> "$GITHUB_OUTPUT"
                      - name: named ${{ steps.k.outputs.v }}
                        run: echo "k=${{ steps.k.outputs.v }}"
                      - run: echo "::add-mask::sekrit-value"
                      - run: echo "shown sekrit-value"
                      - id: quiet
                        run: "true"
                      - if: steps.quiet.outcome == 'success'
                        run: echo "quiet=${{ steps.quiet.conclusion }}"
                      - run: echo data > f.txt
                      - run: echo "hash=${{ hashFiles('f.txt') != '' }}"
                      - id: tolerated
                        continue-on-error: true
                        run: exit 2
                      - run: echo "tolerated=${{ steps.tolerated.outcome }}"
                      - run: exit 3
                      - run: touch ran-after-failure
                      - if: failure()
                        run: test ! -e ran-after-failure && echo "nothing ran after the failure"
                """);
        JobResult a = job(r, "a");
        assertThat(a.result()).isEqualTo(Conclusion.FAILURE);
        assertThat(s.listener.output("a")).containsExactly("x=from-env-file", "k=from-k", "shown ***",
                "quiet=success", "hash=true", "tolerated=failure", "nothing ran after the failure");
        assertThat(a.steps().get(3).step().name()).isEqualTo("named from-k");
        assertThat(a.steps().get(13).conclusion()).isEqualTo(Conclusion.SKIPPED);
    }

    @Test
    void aStepStartedAheadStillEndsAtTheJobDeadline() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    timeout-minutes: 0.03
                    steps:
                      - run: sleep 1
                      - name: long
                        run: sleep 30
                """);
        JobResult a = job(r, "a");
        assertThat(a.result()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.message()).contains("maximum execution time");
        assertThat(step(a, "long").outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.duration()).isLessThan(java.time.Duration.ofSeconds(20));
    }

    // ---- shells, defaults, working-directory ------------------------------------------------

    @Test
    void shellsAndDefaults() throws Exception {
        RunResult r = s.run("""
                on: push
                defaults:
                  run:
                    shell: sh
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    defaults:
                      run:
                        working-directory: sub
                    steps:
                      - name: mkdir
                        working-directory: .
                        run: mkdir -p sub/deeper && echo "$PWD" | sed 's|.*/||'
                      - name: default sh in sub
                        run: echo "$(basename "$PWD") $(basename "$(readlink /proc/$$/exe)")"
                      - name: bash pipefail
                        shell: bash
                        continue-on-error: true
                        id: pipefail
                        run: false | true
                      - name: plain bash no pipefail
                        shell: bash -e {0}
                        run: false | true; echo "piped ok"
                      - name: python
                        shell: python
                        run: |
                          import os
                          print("py", os.path.basename(os.getcwd()))
                      - name: custom
                        shell: bash --noprofile --norc -c "echo custom; . {0}" 
                        working-directory: sub/deeper
                        run: echo "in $(basename "$PWD")"
                      - run: echo "pipefail outcome ${{ steps.pipefail.outcome }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).containsExactly("hello", "sub dash", "piped ok", "py sub", "custom",
                "in deeper", "pipefail outcome failure");
    }

    // ---- env and contexts --------------------------------------------------------------------

    @Test
    void envPrecedenceAndContexts() throws Exception {
        RunResult r = s.run("""
                name: Contexts
                on: push
                env:
                  LEVEL: workflow
                  WF_ONLY: w
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    env:
                      LEVEL: job
                      JOB_ONLY: j
                    steps:
                      - name: levels
                        env:
                          LEVEL: step
                        run: echo "$LEVEL $WF_ONLY $JOB_ONLY ${{ env.LEVEL }}"
                      - name: job level
                        run: echo "$LEVEL"
                      - name: github
                        run: |
                          echo "${{ github.repository }} ${{ github.ref }} ${{ github.event_name }} ${{ github.job }}"
                          echo "$GITHUB_REPOSITORY $GITHUB_REF $GITHUB_REF_NAME $GITHUB_EVENT_NAME $GITHUB_JOB $CI $GITHUB_ACTIONS"
                          test "$GITHUB_SHA" = "${{ github.sha }}" && echo sha-ok
                          test "${#GITHUB_SHA}" = 40 && echo sha-40
                          test -d "$GITHUB_WORKSPACE" && test "$PWD" = "$GITHUB_WORKSPACE" && echo workspace-ok
                          test -f "$GITHUB_EVENT_PATH" && echo event-ok
                          echo "$GITHUB_WORKFLOW ${{ github.workflow }}"
                      - name: runner
                        run: |
                          echo "${{ runner.os }} $RUNNER_OS ${{ runner.arch }}"
                          test -d "${{ runner.temp }}" && test "$RUNNER_TEMP" = "${{ runner.temp }}" && echo temp-ok
                          test -d "$RUNNER_TOOL_CACHE" && echo tool-cache-ok
                          test -n "${{ runner.name }}" && echo name-ok
                      - name: vars and secrets
                        run: echo "${{ vars.COLOR }} ${{ secrets.MISSING }}|"
                      - name: job context
                        run: echo "${{ job.status }}"
                """, b -> b.vars(Map.of("COLOR", "blue")));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).containsExactly(
                "step w j step", "job",
                "octo/hello refs/heads/main push a", "octo/hello refs/heads/main main push a true true",
                "sha-ok", "sha-40", "workspace-ok", "event-ok", "Contexts Contexts",
                "Linux Linux " + ("aarch64".equals(System.getProperty("os.arch")) ? "ARM64" : "X64"), "temp-ok", "tool-cache-ok",
                "name-ok", "blue |", "success");
    }

    @Test
    void eventPayloadInputsAndNeedsOutputs() throws Exception {
        var payload = new ObjectMapper().readTree("""
                {"ref": "refs/heads/feature", "inputs": {"greeting": "hi"},
                 "repository": {"full_name": "acme/widgets", "owner": {"login": "acme"}},
                 "sender": {"login": "mona"}}
                """);
        RunResult r = s.run("""
                on:
                  workflow_dispatch:
                    inputs:
                      greeting:
                        type: string
                        default: hello
                      loud:
                        type: boolean
                        default: true
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    outputs:
                      word: ${{ steps.w.outputs.word }}
                    steps:
                      - id: w
                        run: echo "word=${{ inputs.greeting }}" >> "$GITHUB_OUTPUT"
                  second:
                    needs: first
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "${{ needs.first.outputs.word }} ${{ inputs.loud }} ${{ github.event.inputs.greeting }}"
                          echo "${{ github.repository }} ${{ github.ref_name }} ${{ github.actor }}"
                """, b -> b.event("workflow_dispatch", payload).inputs(Map.of("greeting", "hi")));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(job(r, "first").outputs()).containsEntry("word", "hi");
        assertThat(s.listener.output("second")).containsExactly("hi true hi", "acme/widgets feature mona");
    }

    // ---- workflow commands -------------------------------------------------------------------

    @Test
    void fileCommandsCarryBetweenSteps() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    outputs:
                      joined: ${{ steps.out.outputs.multi }}
                    steps:
                      - run: |
                          echo "ONE=1" >> "$GITHUB_ENV"
                          {
                            echo "MULTI<<EOF"
                            echo "line 1"
                            echo "line 2"
                            echo "EOF"
                          } >> "$GITHUB_ENV"
                          mkdir -p "$HOME/bin" && printf '#!/bin/sh\\necho tool ran\\n' > "$HOME/bin/mytool"
                          chmod +x "$HOME/bin/mytool" && echo "$HOME/bin" >> "$GITHUB_PATH"
                          echo "kept=yes" >> "$GITHUB_STATE"
                          echo "### Summary of a" >> "$GITHUB_STEP_SUMMARY"
                      - id: out
                        run: |
                          echo "$ONE ${{ env.ONE }}"
                          echo "$MULTI"
                          mytool
                          echo "multi<<DELIM" >> "$GITHUB_OUTPUT"
                          echo "first" >> "$GITHUB_OUTPUT"
                          echo "second" >> "$GITHUB_OUTPUT"
                          echo "DELIM" >> "$GITHUB_OUTPUT"
                          echo "- done" >> "$GITHUB_STEP_SUMMARY"
                      - run: echo "${{ steps.out.outputs.multi }}"
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).containsExactly("1 1", "line 1", "line 2", "tool ran", "first", "second");
        assertThat(a.outputs()).containsEntry("joined", "first\nsecond");
        assertThat(a.summary()).isEqualTo("### Summary of a\n- done\n");
    }

    @Test
    void badFileCommandFailsTheStep() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: broken
                        run: printf 'X<<EOF\\nvalue\\n' >> "$GITHUB_ENV"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(job(r, "a"), "broken").message()).contains("EOF");
    }

    @Test
    void stdoutCommands() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "::group::My group"
                          echo "inside"
                          echo "::endgroup::"
                          echo "::debug::a debug line"
                          echo "::notice file=app.js,line=3,col=5,title=Heads up::a notice"
                          echo "::warning file=b.txt,line=7::a warning"
                          echo "::error::an error%0Awith a second line"
                          echo "::stop-commands::pause123"
                          echo "::warning::not a command now"
                          echo "::pause123::"
                          echo "::notice::commands again"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        JobResult a = job(r, "a");
        assertThat(a.annotations()).extracting(x -> x.level() + " " + x.location() + " " + x.message())
                .containsExactly("NOTICE app.js:3:5 a notice", "WARNING b.txt:7 a warning",
                        "ERROR  an error\nwith a second line", "NOTICE  commands again");
        assertThat(a.annotations().getFirst().title()).isEqualTo("Heads up");
        List<String> kinds = s.listener.lines.stream().filter(l -> l.step() != null)
                .filter(l -> l.line().kind() != LogLine.Kind.COMMAND)
                .map(l -> l.line().kind() + ":" + l.line().text()).toList();
        assertThat(kinds).contains("GROUP:My group", "OUTPUT:inside", "ENDGROUP:", "DEBUG:a debug line",
                "OUTPUT:::warning::not a command now");
    }

    @Test
    void setEnvCommandIsRefusedLikeOnGitHub() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: old
                        run: echo "::set-env name=X::1"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(job(r, "a"), "old").message()).contains("`set-env` command is disabled");
    }

    // ---- masking -----------------------------------------------------------------------------

    @Test
    void secretsAndAddMaskValuesNeverShow() throws Exception {
        String secret = "s3cr3t-Value";
        String multi = "first-line-secret\nsecond-line-secret";
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    outputs:
                      leaked: ${{ steps.o.outputs.token }}
                      fine: ${{ steps.o.outputs.plain }}
                    env:
                      TOKEN: ${{ secrets.TOKEN }}
                      MULTI: ${{ secrets.MULTI }}
                    steps:
                      - id: o
                        run: |
                          echo "token is $TOKEN"
                          echo "$MULTI"
                          printf '{"t":"%s"}\\n' "$TOKEN"
                          echo "token=$TOKEN" >> "$GITHUB_OUTPUT"
                          echo "plain=visible" >> "$GITHUB_OUTPUT"
                          echo "summary $TOKEN" >> "$GITHUB_STEP_SUMMARY"
                          dynamic="dynamic-value-$((40 + 2))"
                          echo "::add-mask::$dynamic"
                          echo "now $dynamic"
                          echo "::warning::warn $TOKEN"
                """, b -> b.secrets(Map.of("TOKEN", secret, "MULTI", multi)));
        String everything = s.listener.allText() + r;
        assertThat(everything).doesNotContain(secret).doesNotContain("first-line-secret")
                .doesNotContain("second-line-secret").doesNotContain("dynamic-value-42");
        assertThat(s.listener.output("a")).contains("token is ***", "***", "now ***");
        JobResult a = job(r, "a");
        assertThat(a.outputs()).containsOnlyKeys("fine");
        assertThat(a.summary()).isEqualTo("summary ***\n");
        // Nothing Hearth wrote for the run is left holding a secret (scripts, command files, temp).
        try (var files = java.nio.file.Files.walk(s.work)) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                assertThat(java.nio.file.Files.readString(f)).as(f.toString()).doesNotContain(secret)
                        .doesNotContain("first-line-secret");
            }
        }
    }

    // ---- background processes and isolation ------------------------------------------------

    @Test
    void backgroundProcessesLiveIntoLaterStepsAndDieWithTheJob() throws Exception {
        String marker = "hearth-bg-" + System.nanoTime();
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          (exec -a %1$s sleep 300) &
                          echo $! > "$RUNNER_TEMP/pid"
                      - run: kill -0 "$(cat "$RUNNER_TEMP/pid")" && echo still-alive
                """.formatted(marker));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).containsExactly("still-alive");
        assertThat(Processes.withArgument(marker)).isEmpty();
    }

    @Test
    void workflowIsolationSharesOneSandboxWithAFreshWorkspacePerJob() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  one:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo from-one > "$GITHUB_WORKSPACE/ws-file"
                          echo from-one > "$HOME/home-file"
                  two:
                    needs: one
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          test -f "$GITHUB_WORKSPACE/ws-file" && echo ws-leaked || echo ws-fresh
                          cat "$HOME/home-file"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("two")).containsExactly("ws-fresh", "from-one");
    }

    @Test
    void jobIsolationRunsIndependentJobsInParallelAsATrueDag() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  quick:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo quick
                  slow:
                    runs-on: ubuntu-latest
                    steps:
                      - run: sleep 3
                  after-quick:
                    needs: quick
                    runs-on: ubuntu-latest
                    steps:
                      - run: test -f "$HOME/nothing" || echo separate
                """, b -> b.isolation(Isolation.JOB));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        List<String> ev = s.listener.events;
        assertThat(ev.indexOf("job-end after-quick success")).isLessThan(ev.indexOf("job-end slow success"));
    }

    @Test
    void withoutAnActionResolverUsesStepsFailWithTheReason() throws Exception {
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: echo never
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "a").steps().getFirst().message())
                .isEqualTo("Unable to resolve action 'actions/checkout@v4': no action resolver is configured");
        assertThat(job(r, "a").steps().get(1).conclusion()).isEqualTo(Conclusion.SKIPPED);
    }

    // ---- cancellation ------------------------------------------------------------------------

    @Test
    void cancelRunsAlwaysStepsThenStops() throws Exception {
        Cancellation cancellation = new Cancellation();
        Thread canceller = Thread.ofVirtual().start(() -> {
            try {
                while (s.listener == null || s.listener.events.stream().noneMatch(e -> e.contains("long"))) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                cancellation.cancel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: long
                        run: |
                          trap 'echo got-sigint; exit 130' INT
                          for i in $(seq 1 300); do sleep 0.1; done
                      - name: normal
                        run: echo never
                      - name: cleanup
                        if: always()
                        run: echo cleanup ran
                      - name: on cancel
                        if: cancelled()
                        run: echo cancelled seen
                  later:
                    needs: a
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """, b -> b, cancellation);
        canceller.join();
        assertThat(r.conclusion()).isEqualTo(Conclusion.CANCELLED);
        JobResult a = job(r, "a");
        assertThat(a.result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(step(a, "long").outcome()).isEqualTo(Conclusion.CANCELLED);
        assertThat(step(a, "normal").conclusion()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("a")).as(r.toString()).containsExactly("got-sigint", "cleanup ran", "cancelled seen");
        assertThat(job(r, "later").result()).isEqualTo(Conclusion.CANCELLED);
    }

    @Test
    void killStopsAtOnce() throws Exception {
        Cancellation cancellation = new Cancellation();
        String marker = "hearth-kill-" + System.nanoTime();
        Thread killer = Thread.ofVirtual().start(() -> {
            try {
                while (s.listener == null || s.listener.events.stream().noneMatch(e -> e.contains("stubborn"))) {
                    Thread.sleep(20);
                }
                Thread.sleep(300);
                cancellation.cancel();
                Thread.sleep(200);
                cancellation.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - name: stubborn
                        run: |
                          trap '' INT TERM
                          (exec -a %1$s sleep 300) &
                          sleep 300
                      - name: cleanup
                        if: always()
                        run: echo cleanup
                """.formatted(marker), b -> b, cancellation);
        killer.join();
        assertThat(r.conclusion()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "a").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(r.duration()).isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(Processes.withArgument(marker)).isEmpty();
    }
}
