package dev.hearth.engine;

import dev.hearth.actions.builtin.Builtins;
import dev.hearth.actions.resolve.ActionSources;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.engine.action.ActionSetup;
import dev.hearth.sandbox.SandboxBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.hearth.engine.ActionScenarios.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Remote actions end to end: real git repositories made by the tests serve as the action sources
 * ({@code file://} base URL), fetched by Hearth's {@link DefaultActionResolver} into its cache by commit
 * SHA, or taken from an offline mirror, and run in a real sandbox.
 */
abstract class RemoteActionScenarios {
    @TempDir
    Path dir;
    Scenario s;
    GitHost git;
    Path hosts;
    Path cache;

    abstract SandboxBackend backend();

    @BeforeEach
    void setUp() throws Exception {
        s = new Scenario(dir, backend());
        hosts = dir.resolve("git-host");
        git = new GitHost(hosts);
        cache = dir.resolve("actions-cache");
    }

    ActionSources sources() {
        return git.sources(cache);
    }

    RunResult run(String yaml, ActionSources sources) throws Exception {
        return run(yaml, sources, 1);
    }

    RunResult run(String yaml, ActionSources sources, long runId) throws Exception {
        // A resolver per run, as the CLI makes one: a branch or tag is asked of the remote once per run.
        ActionSetup setup = ActionSetup.defaults(s.work, runId).withResolver(new DefaultActionResolver(sources))
                .withBuiltins(Builtins.standard());
        return s.run(yaml, b -> b.runId(runId).actions(setup));
    }

    /** The echo action: a JavaScript action whose output repeats its input. */
    void echoAction() throws IOException {
        Path repo = hosts.resolve("tools/echo");
        write(repo, "action.yml", """
                name: echo
                inputs:
                  text:
                    required: true
                outputs:
                  echoed:
                    description: the text, upper case
                runs:
                  using: node20
                  main: dist/index.js
                """);
        write(repo, "dist/index.js", """
                const fs = require('fs');
                const text = process.env.INPUT_TEXT;
                console.log(`echo action got ${text}`);
                fs.appendFileSync(process.env.GITHUB_OUTPUT, `echoed=${text.toUpperCase()}\\n`);
                """);
    }

    @Test
    void compositeNestedRemoteAndJavascriptActionsFromGitRepositories() throws Exception {
        ActionScenarios.jsAction(hosts.resolve("tools/lifecycle"), "node20");
        String lifecycleSha = git.publish("tools/lifecycle", "v2");
        echoAction();
        String echoSha = git.publish("tools/echo", "v1");
        Path compose = hosts.resolve("tools/kit");
        write(compose, "scripts/hello.sh", "echo \"kit script says hello to $1\"\n");
        write(compose, "greet/action.yml", """
                name: greet
                inputs:
                  who:
                    default: nobody
                outputs:
                  said:
                    value: ${{ steps.e.outputs.echoed }}
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: bash "$GITHUB_ACTION_PATH/../scripts/hello.sh" "${{ inputs.who }}"
                    - id: e
                      uses: tools/echo@v1
                      with:
                        text: hi ${{ inputs.who }}
                """);
        String kitSha = git.publish("tools/kit", "v3");
        RunResult r = run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: tools/lifecycle@v2
                        with:
                          my input: from git
                      - id: g
                        uses: tools/kit/greet@v3
                        with:
                          who: Ada
                      - run: echo "composite said ${{ steps.g.outputs.said }}"
                      - uses: tools/echo@%s
                        with:
                          text: pinned
                """.formatted(echoSha), sources());
        JobResult a = EngineScenarios.job(r, "a");
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        List<String> out = s.listener.output("a");
        assertThat(out).contains(
                "Download action repository 'tools/lifecycle@v2' (SHA:" + lifecycleSha + ")",
                "Download action repository 'tools/kit/greet@v3' (SHA:" + kitSha + ")");
        assertThat(out).containsSubsequence("pre: who-is=nobody", "main: my input=from git who-is=nobody",
                "kit script says hello to Ada", "echo action got hi Ada", "composite said HI ADA",
                "echo action got pinned", "post: from_pre=pre-value from_main=main-value");
        assertThat(a.steps()).extracting(x -> x.step().name()).containsExactly("Pre Run tools/lifecycle@v2",
                "Run tools/lifecycle@v2", "Run tools/kit/greet@v3", "Run echo \"composite said ${{ steps.g.outputs.said }}\"",
                "Run tools/echo@" + echoSha, "Post Run tools/lifecycle@v2");
        assertThat(cache).exists();
    }

    @Test
    void aSecondRunTakesActionsFromTheCacheAndShortShasAreRefused() throws Exception {
        echoAction();
        String sha = git.publish("tools/echo", "v1");
        String yaml = """
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: tools/echo@v1
                        with:
                          text: once
                """;
        RunResult first = run(yaml, sources(), 1);
        assertThat(first.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("Download action repository 'tools/echo@v1' (SHA:" + sha + ")");

        RunResult second = run(yaml + "# again\n", sources(), 2);
        assertThat(second.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("Download action repository 'tools/echo@v1' (SHA:" + sha
                + ") from Hearth's action cache", "echo action got once");

        RunResult shortSha = run("""
                on: push
                jobs:
                  b:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: tools/echo@%s
                        with:
                          text: never
                """.formatted(sha.substring(0, 7)), sources(), 3);
        assertThat(shortSha.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(EngineScenarios.job(shortSha, "b").steps().getFirst().message()).contains("short");
        assertThat(s.listener.output("b")).doesNotContain("echo action got never");
    }

    @Test
    void theMirrorIsUsedFirstAndOfflineMissesGoToTheTranslator() throws Exception {
        Path mirror = dir.resolve("mirror");
        write(mirror, "tools/mirrored/v1/action.yml", """
                name: mirrored
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: echo "served by the mirror"
                """);
        ActionScenarios.ScriptTranslator translator = new ActionScenarios.ScriptTranslator(
                "echo \"translated: $INPUT_TEXT\"", false);
        ActionSetup setup = ActionSetup.defaults(s.work, 1)
                .withResolver(new DefaultActionResolver(sources().withMirror(mirror).withOffline(true)))
                .withTranslator(translator);
        RunResult r = s.run("""
                on: push
                jobs:
                  a:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: tools/mirrored@v1
                      - uses: tools/elsewhere@v1
                        with:
                          text: offline
                """, b -> b.actions(setup));
        assertThat(r.conclusion()).as(s.listener.allText()).isEqualTo(Conclusion.SUCCESS);
        assertThat(s.listener.output("a")).contains("Use action repository 'tools/mirrored@v1' from the actions mirror",
                "served by the mirror", "translated: offline");
        assertThat(translator.requests).hasSize(1);
        assertThat(translator.requests.getFirst().reason()).contains("offline");
        assertThat(EngineScenarios.job(r, "a").steps().get(1).message()).isEqualTo("translated by LLM test/model-1");
    }
}
