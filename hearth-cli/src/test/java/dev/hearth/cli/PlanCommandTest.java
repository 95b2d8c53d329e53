package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    private static final String WORKFLOW = """
            name: CI
            on:
              push:
                branches: [main]
              pull_request:
            jobs:
              build:
                runs-on: ubuntu-latest
                strategy:
                  matrix:
                    os: [linux, mac]
                steps:
                  - uses: actions/checkout@v4
                  - run: make
              deploy:
                needs: build
                if: github.ref == 'refs/heads/main'
                runs-on: ubuntu-latest
                steps:
                  - uses: ./.github/actions/deploy
                  - uses: docker://alpine:3
                    if: always()
            """;

    @TempDir
    Path dir;



    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void firstEventByDefault() throws Exception {
        CliRun r = CliRun.of("plan", write("ci.yml", WORKFLOW).toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("event    push", "first on: event", "level 1", "level 2", "build (mac)",
                "[remote] Run actions/checkout@v4", "[local] Run ./.github/actions/deploy",
                "[docker] Run docker://alpine:3  if: always()", "2 jobs, 4 steps");
    }

    @Test
    void notTriggeredStillListsSteps() throws Exception {
        Path payload = write("push.json", "{\"ref\": \"refs/tags/v1\", \"commits\": []}");
        CliRun r = CliRun.of("plan", write("ci.yml", WORKFLOW).toString(), "--event", "push", "--payload", payload.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("NOT TRIGGERED: a tag push ('v1'), but the workflow filters only branches",
                "[not triggered]", "Run make");
    }

    @Test
    void json() throws Exception {
        CliRun r = CliRun.of("plan", "--json", "--event", "pull_request", write("ci.yml", WORKFLOW).toString());
        assertThat(r.code()).isZero();
        JsonNode plan = new ObjectMapper().readTree(r.out());
        assertThat(plan.get("triggered").asBoolean()).isTrue();
        assertThat(plan.get("stepCount").asInt()).isEqualTo(4);
        assertThat(plan.at("/levels/1/jobs/0/id").asText()).isEqualTo("deploy");
        assertThat(plan.at("/levels/1/jobs/0/if").asText()).contains("github.ref");
        assertThat(plan.at("/levels/0/jobs/0/matrix/legs/1/name").asText()).isEqualTo("build (mac)");
        assertThat(plan.at("/levels/1/jobs/0/steps/1/kind").asText()).isEqualTo("docker");
    }

    @Test
    void invalidWorkflowExitsOne() throws Exception {
        Path bad = write("bad.yml", "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: a\n    bogus: 1\n");
        CliRun r = CliRun.of("plan", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains(bad + ":7:");
    }

    @Test
    void invalidWorkflowStillListsEveryStepAfterItsProblems() throws Exception {
        Path bad = write("bad.yml", """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                      - uses: actions/checkout@v4
                  call:
                    uses: $/not/a/reference.yml
                """);
        CliRun text = CliRun.of("plan", bad.toString());
        assertThat(text.code()).isEqualTo(1);
        assertThat(text.out()).contains(bad + ":9:").contains("not a valid workflow")
                .contains("make").contains("actions/checkout@v4");
        assertThat(text.out().indexOf("error:")).isLessThan(text.out().indexOf("make"));

        CliRun json = CliRun.of("plan", bad.toString(), "--json");
        assertThat(json.code()).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(json.out());
        assertThat(tree.get("valid").asBoolean()).isFalse();
        assertThat(tree.get("problems")).isNotEmpty();
        assertThat(json.out()).contains("\"make\"").contains("actions/checkout@v4");
    }

    @Test
    void unloadableFileReportsProblemsOnly() throws Exception {
        Path bad = write("bad.yml", "- just\n- a list\n");
        CliRun r = CliRun.of("plan", bad.toString(), "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode tree = new ObjectMapper().readTree(r.out());
        assertThat(tree.get("valid").asBoolean()).isFalse();
        assertThat(tree.get("problems")).isNotEmpty();
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        assertThat(CliRun.of("plan", dir.resolve("missing.yml").toString()).code()).isEqualTo(2);
        assertThat(CliRun.of("plan").code()).isEqualTo(2);
        assertThat(CliRun.of("plan", "--default-permissions", "lax", write("ci.yml", WORKFLOW).toString()).code())
                .isEqualTo(2);
        Path ci = write("ci.yml", WORKFLOW);
        assertThat(CliRun.of("plan", ci.toString(), "--payload", write("p.json", "{not json").toString()).code())
                .isEqualTo(2);
    }

    @Test
    void usesStepsAndReusableJobsAreClassified() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".github/workflows"));
        Files.createDirectories(repo.resolve(".github/actions/build"));
        Files.writeString(repo.resolve(".github/actions/build/action.yml"), """
                runs:
                  using: composite
                  steps:
                    - run: make
                      shell: bash
                    - run: make test
                      shell: bash
                """);
        Files.writeString(repo.resolve(".github/workflows/reuse.yml"), """
                on: workflow_call
                jobs:
                  inner:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo inner
                """);
        Path mirror = dir.resolve("mirror");
        Files.createDirectories(mirror.resolve("acme/tool/v1"));
        Files.writeString(mirror.resolve("acme/tool/v1/action.yml"), "runs: {using: node20, main: index.js}\n");
        Path ci = repo.resolve(".github/workflows/ci.yml");
        Files.writeString(ci, """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: actions/checkout@v4
                      - uses: ./.github/actions/build
                      - uses: acme/tool@v1
                      - uses: acme/other@v1
                      - uses: docker://alpine:3
                  again:
                    uses: ./.github/workflows/reuse.yml
                """);
        CliRun r = CliRun.of("plan", "--json", "--actions-mirror", mirror.toString(), ci.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode build = new ObjectMapper().readTree(r.out()).at("/levels/0/jobs/0");
        assertThat(build.at("/steps/0/class").asText()).isEqualTo("builtin");
        assertThat(build.at("/steps/1/class").asText()).isEqualTo("local");
        assertThat(build.at("/steps/1/note").asText()).isEqualTo("composite, 2 steps");
        assertThat(build.at("/steps/2/class").asText()).isEqualTo("remote");
        assertThat(build.at("/steps/2/note").asText()).isEqualTo("node20, from the mirror");
        assertThat(build.at("/steps/3/class").asText()).isEqualTo("remote");
        assertThat(build.at("/steps/3/note").asText()).isEqualTo("fetched when the job runs");
        assertThat(build.at("/steps/4/class").asText()).isIn("docker", "llm");
        JsonNode again = new ObjectMapper().readTree(r.out()).at("/levels/0/jobs/1");
        assertThat(again.get("class").asText()).isEqualTo("reusable");
        assertThat(again.get("classNote").asText()).isEqualTo("local workflow");
        assertThat(again.at("/called/0/jobs/0/steps/0").has("class")).isFalse(); // a run step has none

        CliRun text = CliRun.of("plan", "--actions-mirror", mirror.toString(), ci.toString());
        assertThat(text.out()).contains("[remote] Run actions/checkout@v4  class: builtin (native, no download)",
                "[local] Run ./.github/actions/build  class: local (composite, 2 steps)",
                "[remote] Run acme/tool@v1  class: remote (node20, from the mirror)",
                "calls:   local ./.github/workflows/reuse.yml  class: reusable (local workflow)");
    }
}
