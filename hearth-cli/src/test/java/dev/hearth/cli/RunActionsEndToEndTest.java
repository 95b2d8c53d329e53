package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth run} with {@code uses:} steps: Hearth's built-in checkout and artifacts, a local
 * composite action, and a remote JavaScript action fetched with git from {@code --actions-url} (a
 * {@code file://} host of repositories the test makes) into {@code --actions-cache}.
 */
class RunActionsEndToEndTest {

    @TempDir
    Path dir;

    private static void write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void actionStepsRunFromTheWorkspaceAGitHostAndHearthsBuiltins() throws Exception {
        Path host = dir.resolve("host");
        Path action = host.resolve("octo/shout");
        write(action.resolve("action.yml"), """
                name: shout
                inputs:
                  text:
                    required: true
                outputs:
                  loud:
                    description: upper case
                runs:
                  using: node20
                  main: index.js
                """);
        write(action.resolve("index.js"), """
                const fs = require('fs');
                fs.appendFileSync(process.env.GITHUB_OUTPUT, 'loud=' + process.env.INPUT_TEXT.toUpperCase() + '\\n');
                """);
        String sha = TestRepos.commitAll(action, "v1");

        Path repo = dir.resolve("repo");
        write(repo.resolve(".github/actions/greet/action.yml"), """
                name: greet
                inputs:
                  who:
                    default: world
                runs:
                  using: composite
                  steps:
                    - shell: bash
                      run: echo "hello ${{ inputs.who }}" | tee greeting.txt
                """);
        write(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ./.github/actions/greet
                        with:
                          who: Ada
                      - id: s
                        uses: octo/shout@v1
                        with:
                          text: quiet
                      - run: echo "shouted ${{ steps.s.outputs.loud }}"
                      - uses: actions/upload-artifact@v4
                        with:
                          name: greeting
                          path: greeting.txt
                """);
        TestRepos.commitAll(repo, null);

        Path artifacts = dir.resolve("artifacts");
        Path cache = dir.resolve("actions-cache");
        CliRun r = CliRun.of("run", "-W", repo.resolve(".github/workflows/ci.yml").toString(), "--backend", "host",
                "--actions-url", "file://" + host, "--actions-cache", cache.toString(),
                "--cache-dir", dir.resolve("cache").toString(), "--artifacts-dir", artifacts.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Download action repository 'octo/shout@v1' (SHA:" + sha + ")",
                "[build / Run ./.github/actions/greet > Run echo \"hello ${{ inputs.who }}\" | tee greeting.txt]  hello Ada",
                "shouted QUIET");
        assertThat(cache).isDirectory();
        try (Stream<Path> files = Files.walk(artifacts)) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
        }
    }

    @Test
    void aRemoteReusableWorkflowIsFetchedWithGitAndRunsWithItsInputsSecretsAndOutputs() throws Exception {
        Path host = dir.resolve("host");
        Path shared = host.resolve("octo/pipelines");
        write(shared.resolve(".github/workflows/build.yml"), """
                on:
                  workflow_call:
                    inputs:
                      target:
                        type: string
                        default: debug
                    secrets:
                      key:
                        required: true
                    outputs:
                      artifact:
                        value: ${{ jobs.compile.outputs.name }}
                jobs:
                  compile:
                    runs-on: ubuntu-latest
                    outputs:
                      name: ${{ steps.c.outputs.name }}
                    steps:
                      - id: c
                        run: |
                          echo "building ${{ inputs.target }} with ${{ secrets.key }}"
                          echo "name=app-${{ inputs.target }}" >> "$GITHUB_OUTPUT"
                """);
        TestRepos.commitAll(shared, "v2");

        Path repo = dir.resolve("caller");
        write(repo.resolve(".github/workflows/ci.yml"), """
                on: push
                jobs:
                  build:
                    uses: octo/pipelines/.github/workflows/build.yml@v2
                    with:
                      target: release
                    secrets:
                      key: ${{ secrets.SIGNING_KEY }}
                  ship:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "shipping ${{ needs.build.outputs.artifact }}"
                """);
        TestRepos.commitAll(repo, null);

        CliRun r = CliRun.of("run", "-W", repo.resolve(".github/workflows/ci.yml").toString(), "--backend", "host",
                "--actions-url", "file://" + host, "--actions-cache", dir.resolve("actions-cache").toString(),
                "-s", "SIGNING_KEY=s3cr3t-value");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("building release with ***", "shipping app-release")
                .doesNotContain("s3cr3t-value");
    }
}
