package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth run} up to the point where the engine takes over: choosing workflows, event and jobs,
 * listing, dry runs, and every usage error. Runs that execute steps are in {@link RunEndToEndTest}.
 */
class RunCommandTest {

    private static final String CI = """
            name: CI
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: make
              test:
                name: Unit tests
                needs: build
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    os: [linux, mac]
                steps:
                  - run: make test
            """;

    private static final String DOCS = """
            name: Docs
            on: [pull_request, workflow_dispatch]
            jobs:
              docs:
                runs-on: ubuntu-latest
                steps:
                  - run: make docs
            """;

    @TempDir
    Path dir;
    Path workflows;

    @BeforeEach
    void workflows() throws Exception {
        workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("ci.yml"), CI);
        Files.writeString(workflows.resolve("docs.yaml"), DOCS);
        Files.writeString(workflows.resolve("README.md"), "not a workflow");
    }

    private String w() {
        return workflows.toString();
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void listsEveryJobLikeAct() {
        CliRun r = CliRun.of("run", "-W", w(), "-l");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                Stage  Job ID  Job name    Workflow name  Workflow file  Events
                0      build   build       CI             ci.yml         push,pull_request
                1      test    Unit tests  CI             ci.yml         push,pull_request
                0      docs    docs        Docs           docs.yaml      pull_request,workflow_dispatch
                """);
    }

    @Test
    void listsOnlyWhatAnEventTriggersAndTheJobsAsked() {
        CliRun r = CliRun.of("run", "-W", w(), "-l", "workflow_dispatch");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("docs.yaml").doesNotContain("ci.yml");
        r = CliRun.of("run", "-W", w(), "-l", "-j", "TEST");
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.out()).contains("Unit tests").doesNotContain("docs.yaml");
    }

    @Test
    void dryRunPlansWhatThePushTriggers() {
        // Without EVENT: push, because ci.yml runs on push; docs.yaml does not, so it is left out.
        CliRun r = CliRun.of("run", "-W", w(), "-n");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("workflow CI", "event    push (no EVENT given: the default event)",
                "verdict  triggered", "Unit tests (linux)", "Run make test").doesNotContain("Docs");
    }

    @Test
    void withoutPushTheFirstEventOfTheFirstWorkflow() throws Exception {
        Files.delete(workflows.resolve("ci.yml"));
        CliRun r = CliRun.of("run", "-W", w(), "-n", "-j", "docs", "--matrix", "os:linux");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("workflow Docs", "event    pull_request", "verdict  triggered",
                "only jobs: docs (and the jobs they need)", "only matrix legs with: {os=linux}");
    }

    @Test
    void anEventNoWorkflowRunsOnSaysWhy() {
        CliRun r = CliRun.of("run", "-W", w(), "-n", "release");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no workflow in " + w() + " runs on 'release':",
                "ci.yml: the workflow does not run on 'release' (it runs on push, pull_request)",
                "docs.yaml: the workflow does not run on 'release'");
    }

    @Test
    void aPayloadDecidesTheTriggerButANamedFileIsPlannedAnyway() throws Exception {
        Path payload = write("push.json", "{\"ref\": \"refs/heads/feature\"}");
        CliRun dirRun = CliRun.of("run", "-W", w(), "-n", "-e", payload.toString());
        assertThat(dirRun.code()).isEqualTo(1);
        assertThat(dirRun.err()).contains("branch 'feature' does not pass branches [main]");
        CliRun fileRun = CliRun.of("run", "-W", workflows.resolve("ci.yml").toString(), "-n", "-e", payload.toString());
        assertThat(fileRun.code()).isZero();
        assertThat(fileRun.out()).contains("NOT TRIGGERED: branch 'feature' does not pass branches [main]");
    }

    @Test
    void anInvalidWorkflowIsReportedAndNothingRuns() throws Exception {
        Files.writeString(workflows.resolve("bad.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo ${{ github.sha }
                """);
        CliRun r = CliRun.of("run", "-W", w(), "-n");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).containsPattern("bad\\.yml:6:\\d+: error: ")
                .contains("hearth run: 1 invalid workflow; nothing was run");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void missingWorkflowsAreUsageErrors() throws Exception {
        CliRun r = CliRun.of("run", "-W", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("hearth run: no such workflow file or folder: ");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        r = CliRun.of("run", "-W", empty.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no workflow files (*.yml, *.yaml) in " + empty);
        // The tests run in the module's folder, which has no .github of its own.
        assertUsage("no .github/workflows here; name a workflow file or folder with -W", "run");
    }

    @Test
    void badPayloads() throws Exception {
        assertUsage("no such event payload file: ", "run", "-W", w(), "-n", "-e", dir.resolve("none.json").toString());
        assertUsage("is not valid JSON: ", "run", "-W", w(), "-n", "-e", write("bad.json", "{\"ref\": ").toString());
        assertUsage("is not a JSON object", "run", "-W", w(), "-n", "-e", write("array.json", "[1, 2]").toString());
    }

    @Test
    void badFlagValues() {
        assertUsage("--matrix 'os': expected KEY:VALUE", "run", "-W", w(), "--matrix", "os");
        assertUsage("--matrix: os is given twice", "run", "-W", w(), "--matrix", "os:a", "--matrix", "os:b");
        assertUsage("--input 'x': expected NAME=VALUE", "run", "-W", w(), "--input", "x");
        assertUsage("expected workflow or job, not 'vm'", "run", "-W", w(), "--isolation", "vm");
        assertUsage("expected none or host, not 'lan'", "run", "-W", w(), "--network", "lan");
        assertUsage("no job 'deploy' in " + w() + " (jobs: build, test, docs)", "run", "-W", w(), "-j", "deploy");
        assertUsage("Unknown option: '--bogus'", "run", "--bogus");
    }

    @Test
    void badSecretsAndVariables() throws Exception {
        assertUsage("--secret-file: no such file: ", "run", "-W", w(), "--secret-file", dir.resolve("none").toString());
        assertUsage(":2: expected NAME=VALUE, found 'oops'", "run", "-W", w(), "--secret-file",
                write("s.env", "A=1\noops\n").toString());
        assertUsage("--var 'x': expected NAME=VALUE", "run", "-W", w(), "--var", "x");
        assertUsage("--var-file: no such file: ", "run", "-W", w(), "--var-file", dir.resolve("none").toString());
        // No value, no such environment variable and no terminal to ask on (tests have none).
        assertUsage("secret HEARTH_TEST_UNSET_SECRET_7Q has no value", "run", "-W", w(), "-s", "HEARTH_TEST_UNSET_SECRET_7Q");
    }

    @Test
    void anUnknownBackendIsAUsageError() {
        assertUsage("--backend: ", "run", "-W", w(), "--backend", "vmware");
    }

    private static void assertUsage(String message, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.code()).as("exit code of %s", String.join(" ", args)).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }
}
