package dev.hearth.engine;

import dev.hearth.actions.ActionResolver;
import dev.hearth.actions.builtin.Builtins;
import dev.hearth.actions.llm.ChatClient;
import dev.hearth.actions.llm.ChatTurn;
import dev.hearth.actions.llm.LlmConfig;
import dev.hearth.actions.llm.LlmProvider;
import dev.hearth.actions.llm.LlmStepTranslator;
import dev.hearth.actions.llm.StepTranslator;
import dev.hearth.actions.llm.Translation;
import dev.hearth.actions.llm.TranslationException;
import dev.hearth.actions.llm.TranslationRequest;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.engine.action.ActionSetup;
import dev.hearth.engine.commands.Annotation;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.files.Trees;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code uses:} steps on real processes in a real sandbox: composite actions (inputs, defaults, outputs,
 * env, if, nesting, action_path), JavaScript actions with pre/post and state, built-in actions, Docker
 * actions without Docker, and the LLM fallback. Actions are real files the tests write; remote ones are
 * published to a {@link GitHost} of real git repositories and fetched by Hearth's own resolver.
 */
abstract class ActionScenarios {
    @TempDir
    Path dir;
    Scenario s;
    GitHost host;
    /** What the resolver was asked, in order. */
    final List<String> resolved = Collections.synchronizedList(new ArrayList<>());
    TestBuiltins.CopyCheckout checkout;

    abstract SandboxBackend backend();

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(dir, backend());
        host = new GitHost(dir.resolve("git-host"));
        checkout = new TestBuiltins.CopyCheckout();
    }

    static JobResult job(RunResult r, String displayName) {
        return EngineScenarios.job(r, displayName);
    }

    static StepResult step(JobResult j, String name) {
        return EngineScenarios.step(j, name);
    }

    static void write(Path base, String relative, String content) throws IOException {
        Path file = base.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Hearth's resolver over the test's git host, telling what it is asked. */
    ActionResolver resolver() {
        DefaultActionResolver real = new DefaultActionResolver(host.sources(dir.resolve("actions-cache")));
        return (uses, workspace) -> {
            resolved.add(uses);
            return real.resolve(uses, workspace);
        };
    }

    ActionSetup setup() {
        return ActionSetup.defaults(s.work, 1).withResolver(resolver())
                .withBuiltins(new Builtins(List.of(checkout, new TestBuiltins.FailingCache())));
    }

    RunResult run(String yaml) throws Exception {
        return run(yaml, a -> a);
    }

    RunResult run(String yaml, UnaryOperator<ActionSetup> actions) throws Exception {
        return s.run(yaml, b -> b.actions(actions.apply(setup())).secrets(Map.of("GITHUB_TOKEN", "ghs_testtoken123")));
    }

    /** Every warning and error the job logged, as text. */
    static String annotations(JobResult j) {
        StringBuilder b = new StringBuilder();
        j.annotations().forEach(a -> b.append(a.level()).append(": ").append(a.message()).append('\n'));
        return b.toString();
    }

    // ---- composite -------------------------------------------------------------------------------

    @Test
    void compositeWithInputsDefaultsOutputsEnvIfAndActionPath() throws Exception {
        write(s.repo, ".github/actions/greet/action.yml", """
                name: greet
                inputs:
                  who:
                    required: true
                  greeting:
                    default: Hello
                  shout:
                    default: ${{ github.event_name == 'push' }}
                  old:
                    deprecationMessage: use who
                outputs:
                  message:
                    value: ${{ steps.say.outputs.msg }}
                  path:
                    value: ${{ github.action_path }}
                runs:
                  using: composite
                  steps:
                    - id: say
                      shell: bash
                      env:
                        GREETING: ${{ inputs.greeting }}
                      run: |
                        echo "msg=$GREETING, ${{ inputs.who }}" >> "$GITHUB_OUTPUT"
                        test -f "$GITHUB_ACTION_PATH/action.yml" && echo "action.yml is at GITHUB_ACTION_PATH"
                    - if: inputs.shout == 'true'
                      shell: bash
                      run: echo "SHOUT ${{ inputs.who }}"
                    - if: inputs.shout != 'true'
                      shell: bash
                      run: echo never
                    - shell: bash
                      run: |
                        echo "CALLER_ENV=$CALLER_ENV JOB_ENV=$JOB_ENV"
                        echo "FROM_COMPOSITE=yes" >> "$GITHUB_ENV"
                        echo "said=${{ steps.say.outputs.msg }}"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    env:
                      JOB_ENV: job
                    steps:
                      - uses: actions/checkout@v4
                      - id: g
                        uses: ./.github/actions/greet
                        env:
                          CALLER_ENV: caller
                        with:
                          who: World
                          old: x
                          extra: nope
                      - run: |
                          echo "got ${{ steps.g.outputs.message }}"
                          echo "env FROM_COMPOSITE=$FROM_COMPOSITE"
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("action.yml is at GITHUB_ACTION_PATH", "SHOUT World",
                "CALLER_ENV=caller JOB_ENV=job", "said=Hello, World", "got Hello, World", "env FROM_COMPOSITE=yes");
        assertThat(s.listener.output("a")).doesNotContain("never");
        StepResult g = step(a, "Run ./.github/actions/greet");
        assertThat(g.outputs()).containsEntry("message", "Hello, World");
        assertThat(g.outputs().get("path")).endsWith("/work/hello/.github/actions/greet");
        assertThat(annotations(a))
                .contains("WARNING: Input 'old' has been deprecated with message: use who")
                .contains("WARNING: Unexpected input(s) 'extra', valid inputs are ['who', 'greeting', 'shout', 'old']");
        // The caller sees one step; the nested steps log under its name.
        assertThat(a.steps()).extracting(x -> x.step().name())
                .containsExactly("Run actions/checkout@v4", "Run ./.github/actions/greet", "Run echo \"got ${{ steps.g.outputs.message }}\"",
                        "Post Run actions/checkout@v4");
        assertThat(s.listener.lines).anySatisfy(l -> assertThat(l.step().name())
                .isEqualTo("Run ./.github/actions/greet > Run echo \"SHOUT ${{ inputs.who }}\""));
    }

    @Test
    void nestedCompositeFailureAndStatusFunctionsInsideTheAction() throws Exception {
        write(s.repo, ".github/actions/inner/action.yml", """
                name: inner
                inputs:
                  n:
                    default: "1"
                outputs:
                  doubled:
                    value: ${{ steps.calc.outputs.v }}
                runs:
                  using: composite
                  steps:
                    - id: calc
                      shell: bash
                      run: echo "v=$(( ${{ inputs.n }} * 2 ))" >> "$GITHUB_OUTPUT"
                    - if: inputs.n == '21'
                      shell: bash
                      run: |
                        echo "inner fails"
                        exit 7
                    - shell: bash
                      run: echo "inner continues"
                    - if: failure()
                      shell: bash
                      run: echo "inner saw failure, action_status=${{ github.action_status }}"
                """);
        write(s.repo, ".github/actions/outer/action.yml", """
                name: outer
                inputs:
                  n:
                    required: true
                outputs:
                  result:
                    value: outer-${{ steps.in.outputs.doubled }}
                runs:
                  using: composite
                  steps:
                    - id: in
                      uses: ./.github/actions/inner
                      with:
                        n: ${{ inputs.n }}
                    - shell: bash
                      run: echo "outer got ${{ steps.in.outputs.doubled }} (${{ steps.in.outcome }})"
                    - if: always()
                      shell: bash
                      run: echo "outer always, inner was ${{ steps.in.conclusion }}"
                """);
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - id: ok
                        uses: ./.github/actions/outer
                        with:
                          n: 4
                      - run: echo "result ${{ steps.ok.outputs.result }}"
                      - id: bad
                        uses: ./.github/actions/outer
                        with:
                          n: 21
                      - if: failure()
                        run: echo "job saw ${{ steps.bad.outcome }}"
                """);
        JobResult a = job(r, "a");
        List<String> out = s.listener.output("a");
        assertThat(out).containsSubsequence("inner continues", "outer got 8 (success)",
                "outer always, inner was success", "result outer-8", "inner fails",
                "inner saw failure, action_status=failure", "outer always, inner was failure", "job saw failure");
        // After the inner failure its success() step is skipped, and so is the outer's.
        assertThat(out.stream().filter(l -> l.equals("inner continues"))).hasSize(1);
        assertThat(out).noneMatch(l -> l.startsWith("outer got 42"));
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        StepResult bad = a.steps().get(3);
        assertThat(bad.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(bad.message()).isEqualTo("Process completed with exit code 7.");
    }

    @Test
    void compositeNestingStopsAtGitHubsDepthLimit() throws Exception {
        write(s.repo, ".github/actions/loop/action.yml", """
                name: loop
                inputs:
                  marks:
                    default: ""
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      env:
                        MARKS: ${{ inputs.marks }}
                      run: echo "depth $(( ${#MARKS} + 1 ))"
                    - uses: ./.github/actions/loop
                      with:
                        marks: ${{ inputs.marks }}x
                """);
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ./.github/actions/loop
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(s.listener.output("a")).as(s.listener.allText()).contains("depth 1", "depth 9")
                .doesNotContain("depth 10");
        assertThat(a.steps().get(1).message()).isEqualTo("Composite action depth exceeded max depth 9");
    }

    @Test
    void remoteCompositeIsCopiedWithItsRepositoryAndItsShaIsLogged() throws Exception {
        Path repo = host.repo("octo/tools");
        write(repo, "lib/common.sh", "shared() { echo \"shared from $1\"; }\n");
        write(repo, "greet/action.yml", """
                name: greet
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: |
                        . "$GITHUB_ACTION_PATH/../lib/common.sh"
                        shared "${{ github.action_repository }}@${{ github.action_ref }}"
                        echo "path=$GITHUB_ACTION_PATH"
                """);
        String sha = host.publish("octo/tools", "v1");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/tools/greet@v1
                """);
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("shared from octo/tools@v1",
                "Download action repository 'octo/tools/greet@v1' (SHA:" + sha + ")");
        assertThat(s.listener.output("a")).anySatisfy(l -> assertThat(l).endsWith("/_actions/octo/tools/" + sha + "/greet"));
    }

    // ---- JavaScript --------------------------------------------------------------------------------

    /** A JavaScript action with pre, main and post that pass state along, written without any library. */
    static void jsAction(Path dir, String using) throws IOException {
        write(dir, "action.yml", """
                name: js
                inputs:
                  who-is:
                    default: nobody
                  my input:
                    required: true
                outputs:
                  greeting:
                    description: the greeting
                runs:
                  using: %s
                  pre: pre.js
                  pre-if: runner.os == 'Linux'
                  main: main.js
                  post: post.js
                  post-if: always()
                """.formatted(using));
        write(dir, "pre.js", """
                const fs = require('fs');
                console.log(`pre: who-is=${process.env['INPUT_WHO-IS']}`);
                fs.appendFileSync(process.env.GITHUB_STATE, 'from_pre=pre-value\\n');
                """);
        write(dir, "main.js", """
                const fs = require('fs');
                console.log(`main: my input=${process.env.INPUT_MY_INPUT} who-is=${process.env['INPUT_WHO-IS']}`);
                console.log(`main: state from pre=${process.env.STATE_from_pre} cwd=${process.cwd() === process.env.GITHUB_WORKSPACE}`);
                console.log(`main: action path has main.js=${fs.existsSync(process.env.GITHUB_ACTION_PATH + '/main.js')}`);
                fs.appendFileSync(process.env.GITHUB_OUTPUT, 'greeting=hi ' + process.env.INPUT_MY_INPUT + '\\n');
                fs.appendFileSync(process.env.GITHUB_STATE, 'from_main=main-value\\n');
                """);
        write(dir, "post.js", """
                console.log(`post: from_pre=${process.env.STATE_from_pre} from_main=${process.env.STATE_from_main}`);
                """);
    }

    @Test
    void javascriptActionRunsPreMainAndPostWithState() throws Exception {
        Path repo = host.repo("octo/js");
        jsAction(repo, "node20");
        host.publish("octo/js", "v2");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo first step
                      - id: js
                        uses: octo/js@v2
                        with:
                          my input: value one
                      - run: echo "output ${{ steps.js.outputs.greeting }}"
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).containsSubsequence(
                "pre: who-is=nobody",
                "first step",
                "main: my input=value one who-is=nobody",
                "main: state from pre=pre-value cwd=true",
                "main: action path has main.js=true",
                "output hi value one",
                "post: from_pre=pre-value from_main=main-value");
        assertThat(a.steps()).extracting(x -> x.step().name()).containsExactly("Pre Run octo/js@v2",
                "Run echo first step", "Run octo/js@v2", "Run echo \"output ${{ steps.js.outputs.greeting }}\"",
                "Post Run octo/js@v2");
        assertThat(a.steps()).extracting(x -> x.step().number()).containsExactly(1, 2, 3, 4, 5);
        assertThat(step(a, "Run octo/js@v2").outputs()).containsEntry("greeting", "hi value one");
    }

    @Test
    void aPrePartThatRanBringsItsPostEvenWhenTheMainPartIsSkipped() throws Exception {
        jsAction(host.repo("octo/js"), "node20");
        host.publish("octo/js", "v2");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/js@v2
                        if: github.event_name == 'pull_request'
                        with:
                          my input: x
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(a.steps()).extracting(x -> x.step().name() + " " + x.conclusion().word()).containsExactly(
                "Pre Run octo/js@v2 success", "Run octo/js@v2 skipped", "Post Run octo/js@v2 success");
        assertThat(s.listener.output("a")).containsSubsequence("pre: who-is=nobody",
                "post: from_pre=pre-value from_main=undefined");
    }

    @Test
    void postPartsRunLastFirstWithTheirConditionsAndOnlyForStepsThatRan() throws Exception {
        Path repo = host.repo("octo/js");
        jsAction(repo, "node16");
        host.publish("octo/js", "v2");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: octo/js@v2
                        with:
                          my input: x
                      - uses: actions/cache@v4
                        with:
                          key: k1
                      - run: exit 3
                      - uses: actions/cache@v4
                        with:
                          key: never-runs
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        // Posts run last registered first; the JavaScript action's post was registered by its pre part,
        // before any step ran, so it runs last (GitHub registers it then too).
        assertThat(s.listener.output("a")).containsSubsequence(
                "checkout post: copied=" + checkout.calls.getFirst().workspace(),
                "post: from_pre=pre-value from_main=main-value");
        // actions/cache's post runs on success() only: the job failed, so it is skipped; the second cache
        // step never ran, so it has no post at all.
        assertThat(s.listener.output("a")).noneMatch(l -> l.startsWith("cache post"));
        assertThat(a.steps()).extracting(x -> x.step().name() + " " + x.conclusion().word()).containsSubsequence(
                "Post Run actions/cache@v4 skipped", "Post Run actions/checkout@v4 success", "Post Run octo/js@v2 success");
        assertThat(a.steps()).filteredOn(x -> x.step().name().startsWith("Post")).hasSize(3);
        assertThat(annotations(a)).contains("'octo/js@v2' declares runs.using: node16");
    }

    @Test
    void localJavascriptActionWarnsThatItsPreDoesNotRun() throws Exception {
        jsAction(s.repo.resolve(".github/actions/js"), "node20");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ./.github/actions/js
                        with:
                          my input: local
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(annotations(a)).contains("`pre` execution is not supported for local action from '.github/actions/js'");
        assertThat(s.listener.output("a")).contains("main: my input=local who-is=nobody",
                "main: state from pre=undefined cwd=true", "post: from_pre=undefined from_main=main-value");
    }

    @Test
    void javascriptActionWithoutNodeFailsClearly() throws Exception {
        Path repo = host.repo("octo/js");
        jsAction(repo, "node20");
        host.publish("octo/js", "v2");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "PATH=/nonexistent" >> "$GITHUB_ENV"
                      - uses: octo/js@v2
                        with:
                          my input: x
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(step(a, "Run octo/js@v2").message()).contains("needs Node.js")
                .contains("no working 'node' on the sandbox's PATH");
    }

    @Test
    void actionsBuiltWithGitHubsToolkitWork() throws Exception {
        Path modules = ActionsToolkit.nodeModules();
        assumeTrue(modules != null, ActionsToolkit.failure());
        Path repo = host.repo("octo/toolkit");
        Trees.copy(modules, repo.resolve("node_modules"));
        write(repo, "action.yml", """
                name: toolkit
                inputs:
                  name:
                    required: true
                  flag:
                    default: "false"
                  list:
                    default: ""
                  fail:
                    default: "false"
                runs:
                  using: node20
                  main: main.js
                  post: post.js
                """);
        write(repo, "main.js", """
                const core = require('@actions/core');
                (async () => {
                  try {
                    const name = core.getInput('name', { required: true });
                    core.info(`name=${name} flag=${core.getBooleanInput('flag')} list=${core.getMultilineInput('list').join('|')}`);
                    core.setSecret('toolkit-secret-42');
                    core.info('the secret is toolkit-secret-42');
                    core.startGroup('tool group');
                    core.info('inside the group');
                    core.endGroup();
                    core.warning('careful', { file: 'src/a.js', startLine: 3, startColumn: 5, title: 'W' });
                    core.notice('note this');
                    core.error('an error annotation', { file: 'src/b.js', startLine: 7 });
                    core.exportVariable('FROM_TOOLKIT', 'exported value');
                    core.addPath(process.env.GITHUB_WORKSPACE + '/toolkit-bin');
                    core.saveState('saved', 'state-from-main');
                    core.setOutput('greeting', `hello ${name}`);
                    core.setOutput('multi', 'line1\\nline2');
                    await core.summary.addHeading('Toolkit summary').addRaw('written by ' + name).write();
                    if (core.getBooleanInput('fail')) {
                      core.setFailed('failing on purpose');
                    }
                  } catch (e) {
                    core.setFailed(e.message);
                  }
                })();
                """);
        write(repo, "post.js", """
                const core = require('@actions/core');
                core.info(`post state=${core.getState('saved')}`);
                """);
        host.publish("octo/toolkit", "v1");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - run: mkdir -p toolkit-bin && printf '#!/bin/sh\\necho tool on path\\n' > toolkit-bin/mytool && chmod +x toolkit-bin/mytool
                      - id: tk
                        uses: octo/toolkit@v1
                        with:
                          name: Ada
                          flag: true
                          list: |
                            a
                            b
                      - run: |
                          echo "env=$FROM_TOOLKIT"
                          mytool
                          echo "out=${{ steps.tk.outputs.greeting }}"
                      - id: missing
                        uses: octo/toolkit@v1
                        continue-on-error: true
                      - id: failing
                        uses: octo/toolkit@v1
                        continue-on-error: true
                        with:
                          name: Bob
                          fail: true
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        List<String> out = s.listener.output("a");
        assertThat(out).containsSubsequence("name=Ada flag=true list=a|b", "the secret is ***", "inside the group",
                "env=exported value", "tool on path", "out=hello Ada");
        assertThat(s.listener.lines).anySatisfy(l -> {
            assertThat(l.line().kind()).isEqualTo(LogLine.Kind.GROUP);
            assertThat(l.line().text()).isEqualTo("tool group");
        });
        assertThat(step(a, "Run octo/toolkit@v1").outputs()).containsEntry("greeting", "hello Ada")
                .containsEntry("multi", "line1\nline2");
        assertThat(a.annotations()).anySatisfy(x -> {
            assertThat(x.level()).isEqualTo(Annotation.Level.WARNING);
            assertThat(x.message()).isEqualTo("careful");
            assertThat(x.title()).isEqualTo("W");
            assertThat(x.file()).isEqualTo("src/a.js");
            assertThat(x.line()).isEqualTo(3);
            assertThat(x.column()).isEqualTo(5);
        });
        assertThat(annotations(a)).contains("NOTICE: note this", "ERROR: an error annotation",
                "ERROR: Input required and not supplied: name", "ERROR: failing on purpose");
        assertThat(a.steps().get(3).outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.steps().get(4).outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.steps().get(4).conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(a.summary()).contains("<h1>Toolkit summary</h1>", "written by Ada", "written by Bob");
        // Posts run last first: the failing step's saved its state, the missing-input step's had none.
        assertThat(out).containsSubsequence("post state=state-from-main", "post state=", "post state=state-from-main");
        assertThat(s.listener.allText()).doesNotContain("toolkit-secret-42");
    }

    // ---- built-in ----------------------------------------------------------------------------------

    @Test
    void builtinActionsAreCalledNativelyWithInputsOutputsAndFailures() throws Exception {
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - id: co
                        uses: actions/checkout@v4
                        with:
                          path: sub
                      - run: |
                          test -f sub/.github/workflows/test.yml && echo "checked out"
                          echo "commit ${{ steps.co.outputs.commit }}"
                      - id: c
                        uses: actions/cache@v4
                        with:
                          key: ${{ runner.os }}-deps
                      - run: echo "hit=${{ steps.c.outputs.cache-hit }} key=$(cat cache-key)"
                      - uses: actions/cache@v4
                        with:
                          key: broken
                          fail: true
                """);
        JobResult a = job(r, "a");
        String sha = checkout.calls.getFirst().event().sha();
        assertThat(sha).hasSize(40);
        assertThat(checkout.calls.getFirst().inputs()).containsEntry("path", "sub").containsEntry("token", "ghs_testtoken123");
        assertThat(checkout.calls.getFirst().event().repositoryDir()).isEqualTo(s.repo);
        assertThat(s.listener.output("a")).contains("checked out", "commit " + sha, "hit=false key=Linux-deps",
                "Copied octo/hello at " + sha);
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.steps().get(4).message()).isEqualTo("The cache service is down: broken");
        assertThat(annotations(a)).doesNotContain("ghs_testtoken123");
        assertThat(resolved).isEmpty();
    }

    @Test
    void hearthsBuiltinCheckoutCacheAndArtifactsAcrossJobsAndRuns() throws Exception {
        write(s.repo, "deps.lock", "left-pad 1.3.0\n");
        String yaml = """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - id: co
                        uses: actions/checkout@v4
                      - run: echo "lock says $(cat deps.lock), commit ${{ steps.co.outputs.commit }}"
                      - id: cache
                        uses: actions/cache@v4
                        with:
                          path: deps
                          key: deps-${{ hashFiles('deps.lock') }}
                      - if: steps.cache.outputs.cache-hit != 'true'
                        run: mkdir -p deps && echo "built once" > deps/lib.txt && echo "built deps"
                      - uses: actions/upload-artifact@v4
                        with:
                          name: libs
                          path: deps/lib.txt
                  use:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/download-artifact@v4
                        with:
                          name: libs
                          path: got
                      - run: echo "downloaded $(cat got/lib.txt)"
                """;
        ActionSetup standard = setup().withBuiltins(Builtins.standard());
        RunResult first = s.run(yaml, b -> b.actions(standard));
        assertThat(first.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        String sha = s.listener.output("build").stream().filter(l -> l.startsWith("lock says")).findFirst().orElseThrow();
        assertThat(sha).matches("lock says left-pad 1\\.3\\.0, commit [0-9a-f]{40}");
        assertThat(s.listener.output("build")).contains("built deps");
        assertThat(s.listener.output("use")).contains("downloaded built once");
        // The cache is saved by its post part, after the job's steps.
        assertThat(job(first, "build").steps().getLast().step().name()).isEqualTo("Post Run actions/cache@v4");

        // The next run of the workflow: a new artifact store, the same cache store.
        ActionSetup next = ActionSetup.defaults(s.work, 2).withResolver(resolver()).withBuiltins(Builtins.standard());
        assertThat(next.stores().cacheRoot()).isEqualTo(standard.stores().cacheRoot());
        RunResult second = s.run(yaml + "# the same workflow, run again\n", b -> b.runId(2).actions(next));
        assertThat(second.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(step(job(second, "build"), "Run actions/cache@v4").outputs()).containsEntry("cache-hit", "true");
        assertThat(s.listener.output("build")).doesNotContain("built deps");
        assertThat(s.listener.output("use")).contains("downloaded built once");
    }

    // ---- Docker ------------------------------------------------------------------------------------

    @Test
    void dockerActionsNeedDocker() throws Exception {
        assumeFalse(DockerCheck.answers(), "a docker engine answers on this machine; this scenario is about its absence");
        write(s.repo, ".github/actions/box/action.yml", """
                name: box
                inputs:
                  x:
                    default: "1"
                runs:
                  using: docker
                  image: Dockerfile
                  args: ["${{ inputs.x }}"]
                """);
        write(s.repo, ".github/actions/box/Dockerfile", "FROM alpine:3\n");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: docker://alpine:3
                        continue-on-error: true
                        with:
                          args: echo hi
                      - uses: ./.github/actions/box
                """);
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.steps().get(1).outcome()).isEqualTo(Conclusion.FAILURE);
        assertThat(a.steps().get(1).conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(a.steps().get(1).message()).startsWith("'docker://alpine:3' needs Docker: no docker engine answers");
        assertThat(a.steps().get(2).message()).startsWith("'./.github/actions/box' needs Docker");
    }

    @Test
    void dockerActionsRunThroughTheSandboxsDockerWhenOneAnswers() throws Exception {
        // A docker command that answers like an engine and shows what it was asked to do: the scenario
        // checks the command line Hearth builds, the part of a Docker action this machine can run.
        write(s.repo, "fake-docker/docker", """
                #!/bin/bash
                case "$1" in
                  version) echo "27.0.0-fake" ;;
                  build) echo "docker build: ${*:2}" ;;
                  run) shift
                       printf 'docker run:'; printf ' [%s]' "$@"; echo
                       echo "INPUT_GREETING in the client env: $INPUT_GREETING" ;;
                esac
                """);
        write(s.repo, ".github/actions/box/action.yml", """
                name: box
                inputs:
                  greeting:
                    default: hi
                runs:
                  using: docker
                  image: Dockerfile
                  entrypoint: /bin/greet
                  args: ["${{ inputs.greeting }}", "two words"]
                """);
        write(s.repo, ".github/actions/box/Dockerfile", "FROM alpine:3\n");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - run: |
                          chmod +x fake-docker/docker
                          echo "$PWD/fake-docker" >> "$GITHUB_PATH"
                      - uses: ./.github/actions/box
                        with:
                          greeting: hello
                      - uses: docker://alpine:3
                        with:
                          entrypoint: /bin/echo
                          args: one "two three"
                """);
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        List<String> out = s.listener.output("a");
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("docker build: -t hearth-action-")
                .endsWith("/.github/actions/box/Dockerfile " + checkout.calls.getFirst().workspace() + "/.github/actions/box"));
        String ws = checkout.calls.getFirst().workspace();
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("docker run: [--rm]")
                .contains("[-e] [INPUT_GREETING]", "[-e] [GITHUB_WORKSPACE]", "[-v] [" + ws + ":" + ws + "]",
                        "[-w] [" + ws + "]", "[--entrypoint] [/bin/greet] [hearth-action-")
                .endsWith("] [hello] [two words]"));
        assertThat(out).contains("INPUT_GREETING in the client env: hello");
        assertThat(out).anySatisfy(l -> assertThat(l).startsWith("docker run: [--rm]")
                .endsWith("[--entrypoint] [/bin/echo] [alpine:3] [one] [two three]"));
    }

    // ---- LLM fallback ------------------------------------------------------------------------------

    /** Stands for an LLM: records each request and answers with the script it was given. */
    static final class ScriptTranslator implements StepTranslator {
        final List<TranslationRequest> requests = Collections.synchronizedList(new ArrayList<>());
        private final String script;
        private final boolean fail;

        ScriptTranslator(String script, boolean fail) {
            this.script = script;
            this.fail = fail;
        }

        @Override
        public Translation translate(TranslationRequest request) throws TranslationException {
            requests.add(request);
            if (fail) {
                throw new TranslationException("the provider answered 500 three times");
            }
            return new Translation(script, Map.of("result", "what the script computed"), "test/model-1",
                    requests.size() > 1);
        }
    }

    @Test
    void unavailableActionsAreTranslatedWhenATranslatorIsConfigured() throws Exception {
        ScriptTranslator translator = new ScriptTranslator("""
                echo "translated step sees INPUT_NAME=$INPUT_NAME"
                if [ "${{ secrets.DEPLOY_KEY }}" = "$INPUT_KEY" ]; then echo "the secret came back inside the sandbox"; fi
                echo "result=${INPUT_NAME^^}" >> "$GITHUB_OUTPUT"
                """, false);
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - id: t
                        uses: octo/missing@v1
                        with:
                          name: world
                          key: ${{ secrets.DEPLOY_KEY }}
                      - run: echo "got ${{ steps.t.outputs.result }}"
                      - uses: octo/missing@v1
                        with:
                          name: again
                          key: ${{ secrets.DEPLOY_KEY }}
                """, b -> b.actions(setup().withTranslator(translator)).secrets(Map.of("DEPLOY_KEY", "s3cr3t-value")));
        JobResult a = job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("translated step sees INPUT_NAME=world",
                "the secret came back inside the sandbox", "got WORLD");
        TranslationRequest first = translator.requests.getFirst();
        assertThat(first.uses()).isEqualTo("octo/missing@v1");
        assertThat(first.inputs()).containsEntry("name", "world").containsEntry("key", "${{ secrets.DEPLOY_KEY }}");
        assertThat(first.reason()).startsWith("Unable to resolve action `octo/missing@v1`");
        assertThat(first.actionYml()).isNull();
        assertThat(a.steps().get(0).message()).isEqualTo("translated by LLM test/model-1");
        assertThat(a.steps().get(2).message()).isEqualTo("translated by LLM test/model-1 (from cache)");
        assertThat(annotations(a)).contains("'octo/missing@v1' runs as a bash script translated by LLM test/model-1");
        assertThat(s.listener.allText()).doesNotContain("s3cr3t-value");
    }

    @Test
    void hearthsTranslatorValidatesCachesAndMarksItsScripts() throws Exception {
        // The model answers as a real one would (JSON in the prompt's schema); Hearth's translator
        // validates it (bash -n), caches it, and a second run makes no call.
        List<List<ChatTurn>> calls = Collections.synchronizedList(new ArrayList<>());
        ChatClient model = turns -> {
            calls.add(turns);
            return "{\"script\": \"echo \\\"greeting=hello $INPUT_WHO\\\" >> \\\"$GITHUB_OUTPUT\\\"\", "
                    + "\"outputs\": {\"greeting\": \"the greeting\"}}";
        };
        LlmConfig config = LlmConfig.of(LlmProvider.OLLAMA, "tiny", "http://127.0.0.1:9", null,
                Files.createDirectories(dir.resolve("llm-cache")));
        StepTranslator translator = new LlmStepTranslator(config, model, new SimpleMeterRegistry());
        String yaml = """
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - id: g
                        uses: octo/greeter@v3
                        with:
                          who: Ada
                      - run: echo "said ${{ steps.g.outputs.greeting }}"
                """;
        RunResult first = run(yaml, a -> a.withTranslator(translator));
        assertThat(first.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("said hello Ada");
        assertThat(job(first, "a").steps().getFirst().message()).isEqualTo("translated by LLM ollama/tiny");
        assertThat(calls).hasSize(1);
        assertThat(calls.getFirst().getLast().text()).contains("uses: octo/greeter@v3", "\"who\" : \"Ada\"");

        RunResult again = run(yaml + "# again\n", a -> a.withTranslator(translator));
        assertThat(again.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(job(again, "a").steps().getFirst().message()).isEqualTo("translated by LLM ollama/tiny (from cache)");
        assertThat(calls).hasSize(1);
    }

    @Test
    void dockerActionsWithoutDockerGoToTheTranslatorWithTheirActionYml() throws Exception {
        assumeFalse(DockerCheck.answers(), "a docker engine answers on this machine; this scenario is about its absence");
        Path repo = host.repo("octo/box");
        write(repo, "action.yml", """
                name: box
                runs:
                  using: docker
                  image: docker://alpine:3
                """);
        String boxSha = host.publish("octo/box", "v1");
        ScriptTranslator translator = new ScriptTranslator("echo from translation", false);
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/box@v1
                """, a -> a.withTranslator(translator));
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        TranslationRequest req = translator.requests.getFirst();
        assertThat(req.sha()).isEqualTo(boxSha);
        assertThat(req.actionYml()).contains("image: docker://alpine:3");
        assertThat(req.reason()).startsWith("'octo/box@v1' needs Docker");
        assertThat(s.listener.output("a")).contains("from translation");
    }

    @Test
    void withoutATranslatorOrWhenItFailsTheStepFailsWithTheResolversMessage() throws Exception {
        RunResult plain = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/missing@v1
                """);
        String reason = job(plain, "a").steps().getFirst().message();
        assertThat(reason).startsWith("Unable to resolve action `octo/missing@v1`");

        ScriptTranslator failing = new ScriptTranslator("true", true);
        RunResult failed = run("""
                on: push
                jobs:
                  b:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/missing@v1
                """, a -> a.withTranslator(failing));
        assertThat(job(failed, "b").steps().getFirst().message())
                .isEqualTo(reason + " The LLM translation failed too: the provider answered 500 three times");

        // A malformed reference (a short SHA) or action.yml is no case for the LLM: it is not asked.
        write(host.repo("octo/bad"), "action.yml", "name: bad\nruns:\n  using: node20\n");
        String badSha = host.publish("octo/bad", "v1");
        ScriptTranslator unused = new ScriptTranslator("true", false);
        RunResult invalid = run("""
                on: push
                jobs:
                  c:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: octo/bad@%s
                      - uses: octo/bad@v1
                        if: always()
                """.formatted(badSha.substring(0, 7)), a -> a.withTranslator(unused));
        assertThat(job(invalid, "c").steps().get(0).message()).contains("short");
        assertThat(job(invalid, "c").steps().get(1).message()).contains("not an entry JavaScript file");
        assertThat(job(invalid, "c").steps()).allMatch(x -> x.conclusion() == Conclusion.FAILURE);
        assertThat(unused.requests).isEmpty();
    }
}
