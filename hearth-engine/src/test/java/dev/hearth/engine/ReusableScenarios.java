package dev.hearth.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.reusable.CallResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reusable workflows ({@code jobs.<id>.uses}) run for real: called workflows in the test's git
 * repository, in an actions mirror, and in git repositories served by {@code file://} URL through the
 * reader's remote-files hook. Each backend runs the same scenarios through a subclass.
 */
abstract class ReusableScenarios {
    @TempDir
    Path dir;
    Scenario s;
    Path mirror;
    Path remotes;
    GitRemoteFiles fetcher;

    abstract SandboxBackend backend();

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(dir, backend());
        mirror = Files.createDirectories(dir.resolve("mirror"));
        remotes = Files.createDirectories(dir.resolve("remotes"));
        fetcher = new GitRemoteFiles(remotes.toUri().toString().replaceAll("/$", ""), dir.resolve("scratch"));
    }

    /** Writes a called workflow into the test's repository (committed with the caller). */
    void local(String name, String yaml) throws IOException {
        Path f = s.repo.resolve(".github/workflows/" + name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, yaml);
    }

    RunResult run(String yaml) throws Exception {
        return run(yaml, b -> b);
    }

    RunResult run(String yaml, UnaryOperator<RunRequest.Builder> options) throws Exception {
        Path file = s.workflow(yaml);
        ReadResult read = WorkflowReader.read(file, ReadOptions.defaults().withRepositoryRoot(s.repo)
                .withActionsMirror(mirror).withRemoteFiles(fetcher));
        assertThat(read.problems()).as("workflow problems").isEmpty();
        s.listener = new RecordingListener();
        RunRequest request = options.apply(RunRequest.builder(read.workflow(), s.backend, s.work)
                .workflowFile(file).repository(s.repo).event("push", null)).build();
        return new Engine().run(request, s.listener, new Cancellation());
    }

    static JobResult job(RunResult r, String displayName) {
        return EngineScenarios.job(r, displayName);
    }

    static List<String> names(RunResult r) {
        return r.jobs().stream().map(j -> j.job().displayName()).toList();
    }

    // ---- inputs ------------------------------------------------------------------------------------

    @Test
    void inputsOfEachTypeWithDefaultsAndTheCallersEvent() throws Exception {
        local("show.yml", """
                on:
                  workflow_call:
                    inputs:
                      name:
                        type: string
                        required: true
                      count:
                        type: number
                        default: 3
                      flag:
                        type: boolean
                        default: true
                      label:
                        type: string
                        default: ${{ github.event_name }}-default
                      verbose:
                        type: boolean
                      size:
                        type: number
                      note:
                        type: string
                env:
                  CALLED_ENV: from-called
                jobs:
                  show:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "name=${{ inputs.name }} count=${{ inputs.count }} flag=${{ inputs.flag }}"
                          echo "label=${{ inputs.label }} verbose=${{ inputs.verbose }} size=${{ inputs.size }} note=[${{ inputs.note }}]"
                          echo "types: ${{ inputs.flag == false }} ${{ inputs.count == 5 }} ${{ inputs.verbose == false }} ${{ inputs.size == 0 }}"
                          echo "event=${{ github.event_name }} ref=${{ github.event.ref }} job=$GITHUB_JOB"
                          echo "env: called=$CALLED_ENV caller=[$CALLER_ENV] ${{ env.CALLED_ENV }}"
                      - if: inputs.flag
                        run: echo "flag is true, wrongly"
                      - if: ${{ !inputs.flag }}
                        run: echo "flag is false"
                """);
        var payload = json("{\"ref\": \"refs/heads/feature\", \"after\": \"" + "a".repeat(40) + "\"}");
        RunResult r = run("""
                on: push
                env:
                  CALLER_ENV: from-caller
                jobs:
                  prep:
                    runs-on: ubuntu-latest
                    outputs:
                      n: ${{ steps.p.outputs.n }}
                    steps:
                      - id: p
                        run: echo "n=world" >> "$GITHUB_OUTPUT"
                  call:
                    needs: prep
                    uses: ./.github/workflows/show.yml
                    with:
                      name: hello ${{ needs.prep.outputs.n }}
                      count: ${{ fromJSON('5') }}
                      flag: false
                """, b -> b.event("push", payload));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(names(r)).containsSubsequence("prep", "call / show", "call");
        assertThat(job(r, "call / show").job().id()).isEqualTo("call/show");
        assertThat(s.listener.output("call / show")).containsExactly(
                "name=hello world count=5 flag=false",
                "label=push-default verbose=false size=0 note=[]",
                "types: true true true true",
                "event=push ref=refs/heads/feature job=show",
                "env: called=from-called caller=[] from-called",
                "flag is false");
        assertThat(job(r, "call").result()).isEqualTo(Conclusion.SUCCESS);
    }

    @Test
    void anInputOfTheWrongTypeFailsTheCallerAndSkipsItsDependents() throws Exception {
        local("typed.yml", """
                on:
                  workflow_call:
                    inputs:
                      flag:
                        type: boolean
                      count:
                        type: number
                jobs:
                  never:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo should not run
                """);
        RunResult r = run("""
                on: push
                jobs:
                  bad-bool:
                    uses: ./.github/workflows/typed.yml
                    with:
                      flag: ${{ 'yes' }}
                  bad-number:
                    uses: ./.github/workflows/typed.yml
                    with:
                      count: ${{ github.ref }}
                  after:
                    needs: bad-bool
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "bad-bool").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "bad-bool").message())
                .isEqualTo("jobs.bad-bool.with.flag: Unexpected type of value 'yes', expected type: Boolean.");
        assertThat(job(r, "bad-number").message()).contains("jobs.bad-number.with.count: Unexpected type of value '")
                .endsWith("', expected type: Number.");
        assertThat(job(r, "after").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(names(r)).noneMatch(n -> n.contains("/ never"));
    }

    // ---- secrets -----------------------------------------------------------------------------------

    @Test
    void secretsExplicitAndInheritedAreMaskedAndNothingElseLeaksIn() throws Exception {
        String alpha = "alpha-Secret-1234";
        String beta = "beta-Secret-5678";
        local("secrets.yml", """
                on:
                  workflow_call:
                    secrets:
                      token:
                        required: false
                      BETA:
                        required: false
                jobs:
                  use:
                    runs-on: ubuntu-latest
                    steps:
                      - env:
                          TOKEN: ${{ secrets.token }}
                          B: ${{ secrets.BETA }}
                        run: |
                          echo "token=[$TOKEN] beta=[$B]"
                          [ "$TOKEN" = "alpha-Secret-1234" ] && echo "token is alpha" || true
                          [ "$TOKEN" = "wrapped-alpha-Secret-1234" ] && echo "token is wrapped alpha" || true
                          [ -z "$B" ] && echo "beta not given" || true
                          [ "$B" = "beta-Secret-5678" ] && echo "beta inherited" || true
                          printf '%s' "$TOKEN" | base64
                """);
        RunResult r = run("""
                on: push
                jobs:
                  explicit:
                    uses: ./.github/workflows/secrets.yml
                    secrets:
                      token: ${{ secrets.ALPHA }}
                  derived:
                    uses: ./.github/workflows/secrets.yml
                    secrets:
                      TOKEN: wrapped-${{ secrets.ALPHA }}
                  inherited:
                    uses: ./.github/workflows/secrets.yml
                    secrets: inherit
                """, b -> b.secrets(Map.of("ALPHA", alpha, "BETA", beta)));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("explicit / use")).contains("token=[***] beta=[]", "token is alpha",
                "beta not given");
        assertThat(s.listener.output("derived / use")).contains("token=[***] beta=[]", "token is wrapped alpha",
                "beta not given");
        assertThat(s.listener.output("inherited / use")).contains("token=[] beta=[***]", "beta inherited");
        String everything = s.listener.allText();
        assertThat(everything).doesNotContain(alpha).doesNotContain(beta).doesNotContain("wrapped-alpha")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString(("wrapped-" + alpha).getBytes()));
    }

    // ---- outputs, needs, failure ----------------------------------------------------------------------

    @Test
    void outputsOfCalledJobsReachTheCallersDependents() throws Exception {
        local("build.yml", """
                on:
                  workflow_call:
                    inputs:
                      version:
                        type: string
                        required: true
                    outputs:
                      artifact:
                        value: ${{ jobs.build.outputs.name }}
                      summary:
                        value: ${{ jobs.package.outputs.file }} after ${{ jobs.build.result }} for ${{ inputs.version }}
                jobs:
                  package:
                    needs: build
                    runs-on: ubuntu-latest
                    outputs:
                      file: ${{ steps.p.outputs.file }}
                    steps:
                      - id: p
                        run: echo "file=${{ needs.build.outputs.name }}.tar.gz" >> "$GITHUB_OUTPUT"
                  build:
                    runs-on: ubuntu-latest
                    outputs:
                      name: ${{ steps.b.outputs.name }}
                    steps:
                      - id: b
                        run: echo "name=app-${{ inputs.version }}" >> "$GITHUB_OUTPUT"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  call:
                    uses: ./.github/workflows/build.yml
                    with:
                      version: "1.2"
                  skipped-call:
                    if: false
                    uses: ./.github/workflows/build.yml
                    with:
                      version: "0"
                  after:
                    needs: [call, skipped-call]
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "${{ needs.call.result }}: ${{ needs.call.outputs.artifact }}"
                          echo "${{ needs.call.outputs.summary }}"
                          echo "skipped: ${{ needs.skipped-call.result }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(names(r)).containsSubsequence("call / build", "call / package", "call", "after");
        assertThat(names(r)).doesNotContain("skipped-call / build");
        assertThat(job(r, "call").outputs()).containsEntry("artifact", "app-1.2")
                .containsEntry("summary", "app-1.2.tar.gz after success for 1.2");
        assertThat(job(r, "skipped-call").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("after")).containsExactly("success: app-1.2",
                "app-1.2.tar.gz after success for 1.2", "skipped: skipped");
    }

    @Test
    void aFailingCalledJobFailsTheCallerAndSkipsItsDependents() throws Exception {
        local("broken.yml", """
                on: workflow_call
                jobs:
                  bad:
                    runs-on: ubuntu-latest
                    steps:
                      - run: exit 7
                  later:
                    needs: bad
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  cleanup:
                    needs: bad
                    if: failure()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "cleaning up after ${{ needs.bad.result }}"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  call:
                    uses: ./.github/workflows/broken.yml
                  dependent:
                    needs: call
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  report:
                    needs: call
                    if: always()
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "call was ${{ needs.call.result }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "call / bad").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "call / later").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("call / cleanup")).containsExactly("cleaning up after failure");
        assertThat(job(r, "call").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "call").message()).contains("A job of the called workflow .github/workflows/broken.yml failed");
        assertThat(job(r, "dependent").result()).isEqualTo(Conclusion.SKIPPED);
        assertThat(s.listener.output("report")).containsExactly("call was failure");
    }

    // ---- matrix of calls, remote calls, nesting ----------------------------------------------------

    @Test
    void aMatrixOfRemoteCallsFromTheMirror() throws Exception {
        Path called = mirror.resolve("acme/deploy/v2/.github/workflows/deploy.yml");
        Files.createDirectories(called.getParent());
        Files.writeString(called, """
                on:
                  workflow_call:
                    inputs:
                      target:
                        type: string
                        required: true
                    outputs:
                      where:
                        value: ${{ jobs.deploy.outputs.where }}
                jobs:
                  deploy:
                    runs-on: ubuntu-latest
                    outputs:
                      where: ${{ steps.d.outputs.where }}
                    strategy:
                      matrix:
                        part: [web, api]
                    steps:
                      - id: d
                        run: |
                          echo "deploying ${{ matrix.part }} to ${{ inputs.target }}"
                          echo "where=${{ inputs.target }}" >> "$GITHUB_OUTPUT"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  ship:
                    strategy:
                      matrix:
                        env: [staging, prod]
                    uses: acme/deploy/.github/workflows/deploy.yml@v2
                    with:
                      target: ${{ matrix.env }}
                  done:
                    needs: ship
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "last target ${{ needs.ship.outputs.where }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(names(r)).contains("ship (staging) / deploy (web)", "ship (staging) / deploy (api)",
                "ship (prod) / deploy (web)", "ship (prod) / deploy (api)", "ship (staging)", "ship (prod)", "done");
        assertThat(s.listener.output("ship (prod) / deploy (api)")).containsExactly("deploying api to prod");
        assertThat(s.listener.output("ship (staging) / deploy (web)")).containsExactly("deploying web to staging");
        assertThat(job(r, "ship (staging)").outputs()).containsEntry("where", "staging");
        assertThat(s.listener.output("done")).singleElement().asString().startsWith("last target ");
        assertThat(fetcher.asked).isEmpty(); // the mirror had it
    }

    @Test
    void aMatrixOfCallsFailsFast() throws Exception {
        local("maybe.yml", """
                on:
                  workflow_call:
                    inputs:
                      fail:
                        type: boolean
                jobs:
                  run:
                    runs-on: ubuntu-latest
                    steps:
                      - run: ${{ inputs.fail && 'exit 1' || 'echo fine' }}
                """);
        RunResult r = run("""
                on: push
                jobs:
                  call:
                    strategy:
                      matrix:
                        fail: [true, false]
                    uses: ./.github/workflows/maybe.yml
                    with:
                      fail: ${{ matrix.fail }}
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "call (true)").result()).isEqualTo(Conclusion.FAILURE);
        assertThat(job(r, "call (false)").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "call (false)").message()).contains("fail-fast");
    }

    @Test
    void nestedCallsThroughAGitRemoteResolveLocalCallsInTheRemoteRepository() throws Exception {
        GitRemoteFiles.publish(remotes, "acme", "tools", "v1", Map.of(
                ".github/workflows/middle.yml", """
                        on:
                          workflow_call:
                            inputs:
                              who:
                                type: string
                                required: true
                            secrets:
                              key:
                                required: true
                            outputs:
                              greeting:
                                value: ${{ jobs.inner.outputs.greeting }}
                        jobs:
                          inner:
                            uses: ./.github/workflows/leaf.yml
                            with:
                              who: ${{ inputs.who }} via middle
                            secrets: inherit
                        """,
                ".github/workflows/leaf.yml", """
                        on:
                          workflow_call:
                            inputs:
                              who:
                                type: string
                                required: true
                            secrets:
                              key:
                                required: true
                            outputs:
                              greeting:
                                value: ${{ jobs.greet.outputs.greeting }}
                        jobs:
                          greet:
                            runs-on: ubuntu-latest
                            outputs:
                              greeting: ${{ steps.g.outputs.greeting }}
                            steps:
                              - id: g
                                run: |
                                  echo "hello ${{ inputs.who }} key=${{ secrets.key }} event=${{ github.event_name }}"
                                  echo "greeting=hello ${{ inputs.who }}" >> "$GITHUB_OUTPUT"
                        """));
        // The caller's own repository has a leaf.yml too: the remote workflow must not call it.
        local("leaf.yml", "on: workflow_call\njobs:\n  wrong:\n    runs-on: x\n    steps:\n      - run: echo wrong\n");
        RunResult r = run("""
                on: push
                jobs:
                  outer:
                    uses: acme/tools/.github/workflows/middle.yml@v1
                    with:
                      who: octo
                    secrets:
                      key: ${{ secrets.KEY }}
                  after:
                    needs: outer
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "got ${{ needs.outer.outputs.greeting }}"
                """, b -> b.secrets(Map.of("KEY", "k3y-Value-99")));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(fetcher.asked).containsExactly("acme/tools/.github/workflows/middle.yml@v1",
                "acme/tools/.github/workflows/leaf.yml@v1");
        assertThat(s.listener.output("outer / inner / greet")).containsExactly("hello octo via middle key=*** event=push");
        assertThat(job(r, "outer / inner").outputs()).containsEntry("greeting", "hello octo via middle");
        assertThat(s.listener.output("after")).containsExactly("got hello octo via middle");
        assertThat(names(r)).noneMatch(n -> n.contains("wrong"));
    }

    @Test
    void callsNestToGitHubsDepthLimit() throws Exception {
        int levels = CallResolver.MAX_DEPTH - 1; // the caller and nine levels of called workflows
        for (int i = 1; i <= levels; i++) {
            String body = i < levels ? """
                    on:
                      workflow_call:
                        inputs:
                          trail:
                            type: string
                        outputs:
                          trail:
                            value: ${{ jobs.c.outputs.trail }}
                    jobs:
                      c:
                        uses: ./.github/workflows/w%d.yml
                        with:
                          trail: ${{ inputs.trail }}-%d
                    """.formatted(i + 1, i) : """
                    on:
                      workflow_call:
                        inputs:
                          trail:
                            type: string
                        outputs:
                          trail:
                            value: ${{ jobs.leaf.outputs.trail }}
                    jobs:
                      leaf:
                        runs-on: ubuntu-latest
                        outputs:
                          trail: ${{ steps.t.outputs.trail }}
                        steps:
                          - id: t
                            run: echo "trail=${{ inputs.trail }}-%d" >> "$GITHUB_OUTPUT"
                    """.formatted(i);
            local("w" + i + ".yml", body);
        }
        RunResult r = run("""
                on: push
                jobs:
                  c:
                    uses: ./.github/workflows/w1.yml
                    with:
                      trail: top
                  report:
                    needs: c
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "${{ needs.c.outputs.trail }}"
                """);
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        String leaf = "c / ".repeat(levels) + "leaf";
        assertThat(job(r, leaf).result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("report")).containsExactly("top-1-2-3-4-5-6-7-8-9");
    }

    // ---- the caller job's other keys ----------------------------------------------------------------

    @Test
    void permissionsAreNotedAndAConcurrencyGroupHeldByTheCallerIsADeadlock() throws Exception {
        local("guarded.yml", """
                on: workflow_call
                jobs:
                  same-group:
                    concurrency: deploy-${{ github.ref_name }}
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                  other-group:
                    concurrency: other
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ran
                """);
        RunResult r = run("""
                on: push
                jobs:
                  call:
                    permissions:
                      contents: read
                    concurrency: DEPLOY-${{ github.ref_name }}
                    uses: ./.github/workflows/guarded.yml
                """);
        assertThat(job(r, "call / same-group").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "call / same-group").message()).startsWith("Canceling since a deadlock for concurrency group "
                + "'deploy-").endsWith("' was detected between 'call' and 'call / same-group'");
        assertThat(s.listener.output("call / other-group")).containsExactly("ran");
        assertThat(job(r, "call").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "call").annotations()).anySatisfy(a -> {
            assertThat(a.level()).isEqualTo(dev.hearth.engine.commands.Annotation.Level.NOTICE);
            assertThat(a.message()).contains("permissions is not applied");
        });
    }

    @Test
    void theTopLevelWorkflowsGroupIsHeldForTheWholeRun() throws Exception {
        local("inner.yml", """
                on: workflow_call
                concurrency: run-${{ github.ref_name }}
                jobs:
                  never:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo never
                """);
        RunResult r = run("""
                on: push
                concurrency: RUN-${{ github.ref_name }}
                jobs:
                  plain:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo plain
                  call:
                    uses: ./.github/workflows/inner.yml
                """);
        assertThat(s.listener.output("plain")).containsExactly("plain");
        assertThat(job(r, "call").result()).isEqualTo(Conclusion.CANCELLED);
        assertThat(job(r, "call").message()).startsWith("Canceling since a deadlock for concurrency group 'run-")
                .endsWith("' was detected between 'top level workflow' and '.github/workflows/inner.yml'");
        assertThat(names(r)).doesNotContain("call / never");
    }

    @Test
    void callsInOneConcurrencyGroupTakeTurnsWithJobIsolation() throws Exception {
        local("turn.yml", """
                on:
                  workflow_call:
                    inputs:
                      n:
                        type: number
                jobs:
                  work:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "turn ${{ inputs.n }}"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  call:
                    strategy:
                      matrix:
                        n: [1, 2]
                    concurrency: one-at-a-time
                    uses: ./.github/workflows/turn.yml
                    with:
                      n: ${{ matrix.n }}
                """, b -> b.isolation(Isolation.JOB));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        List<String> events = s.listener.events.stream().filter(e -> e.startsWith("job-")).toList();
        List<Integer> starts = new java.util.ArrayList<>();
        List<Integer> ends = new java.util.ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).matches("job-start call \\(\\d\\)")) {
                starts.add(i);
            } else if (events.get(i).matches("job-end call \\(\\d\\) \\w+")) {
                ends.add(i);
            }
        }
        assertThat(starts).hasSize(2);
        assertThat(ends).hasSize(2);
        assertThat(ends.getFirst()).as("the first call ends before the second starts: " + events)
                .isLessThan(starts.get(1));
        assertThat(s.listener.output("call (1) / work")).containsExactly("turn 1");
        assertThat(s.listener.output("call (2) / work")).containsExactly("turn 2");
    }

    @Test
    void jobIsolationRunsCalledJobsInTheirOwnSandboxes() throws Exception {
        local("pair.yml", """
                on: workflow_call
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo first
                  second:
                    needs: first
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "second after ${{ needs.first.result }}"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    uses: ./.github/workflows/pair.yml
                  b:
                    uses: ./.github/workflows/pair.yml
                """, b -> b.isolation(Isolation.JOB));
        assertThat(r.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a / second")).containsExactly("second after success");
        assertThat(s.listener.output("b / second")).containsExactly("second after success");
        assertThat(job(r, "a").result()).isEqualTo(Conclusion.SUCCESS);
        assertThat(job(r, "b").result()).isEqualTo(Conclusion.SUCCESS);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) throws IOException {
        return new ObjectMapper().readTree(text);
    }
}
