package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;



    private Path workflow(String name, String text) throws IOException {
        Path file = dir.resolve(".github/workflows").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static final String VALID = """
            on: push
            jobs:
              build:
                runs-on: ubuntu-latest
                steps:
                  - uses: actions/checkout@v4
                  - id: greet
                    run: echo ${{ github.sha }}
                    if: github.ref == 'refs/heads/main'
              call:
                needs: build
                uses: ./.github/workflows/called.yml
            """;

    private static final String CALLED = """
            on: workflow_call
            jobs:
              inner:
                runs-on: x
                steps:
                  - run: echo inner
            """;

    @Test
    void printsOneJsonObjectPerFileAndExitsZeroWhenAllAreValid() throws Exception {
        workflow("called.yml", CALLED);
        Path file = workflow("ci.yml", VALID);
        CliRun r = CliRun.of("validate", "--json", file.toString());
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = JSON.readTree(lines.get(0));
        assertThat(json.get("valid").booleanValue()).isTrue();
        assertThat(json.get("errors")).isEmpty();
        JsonNode build = json.get("jobs").get(0);
        assertThat(build.get("id").textValue()).isEqualTo("build");
        assertThat(build.get("if").textValue()).isEqualTo("success()");
        assertThat(build.get("uses").isNull()).isTrue();
        assertThat(build.get("steps").get(0).get("id").isNull()).isTrue();
        assertThat(build.get("steps").get(0).get("uses").textValue()).isEqualTo("actions/checkout@v4");
        JsonNode greet = build.get("steps").get(1);
        assertThat(greet.get("id").textValue()).isEqualTo("greet");
        assertThat(greet.get("run").textValue()).isEqualTo("format('echo {0}', github.sha)");
        assertThat(greet.get("if").textValue()).isEqualTo("success() && (github.ref == 'refs/heads/main')");
        JsonNode call = json.get("jobs").get(1);
        assertThat(call.get("needs").get(0).textValue()).isEqualTo("build");
        assertThat(call.get("uses").textValue()).isEqualTo("./.github/workflows/called.yml");
        assertThat(call.get("jobs").get(0).get("id").textValue()).isEqualTo("inner");
    }

    @Test
    void reportsEveryProblemWithPositionAndHintAndExitsOne() throws Exception {
        Path bad = workflow("bad.yml", """
                on: push
                jobs:
                  build:
                    runs-on: x
                    runs-on: y
                    steps:
                      - runn: echo
                """);
        Path good = workflow("good.yml", CALLED.replace("workflow_call", "push"));
        CliRun human = CliRun.of("validate", bad.toString(), good.toString());
        assertThat(human.code()).isEqualTo(1);
        assertThat(human.out()).contains(bad + ":5:5: error: 'runs-on' is already defined");
        assertThat(human.out()).contains(bad + ":7:9: error: Unexpected value 'runn'");
        assertThat(human.out()).contains("    hint: ");
        assertThat(human.out()).contains("2 files checked: 1 valid, 1 invalid (3 problems)");

        CliRun json = CliRun.of("validate", "--json", bad.toString(), good.toString());
        assertThat(json.code()).isEqualTo(1);
        List<JsonNode> answers = new ArrayList<>();
        for (String line : json.out().lines().toList()) {
            answers.add(JSON.readTree(line));
        }
        assertThat(answers).hasSize(2);
        assertThat(answers.get(0).get("valid").booleanValue()).isFalse();
        JsonNode first = answers.get(0).get("errors").get(0);
        assertThat(first.get("line").intValue()).isEqualTo(5);
        assertThat(first.get("column").intValue()).isEqualTo(5);
        assertThat(first.get("message").textValue()).endsWith("(Line: 5, Col: 5): 'runs-on' is already defined");
        assertThat(answers.get(1).get("valid").booleanValue()).isTrue();
    }

    @Test
    void missingFilesAreUsageErrors() {
        CliRun r = CliRun.of("validate", dir.resolve("nope.yml").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no such file");
        assertThat(CliRun.of("validate").code()).isEqualTo(2);
    }

    @Test
    void resolvesRemoteCallsInTheMirrorAndFailsOnMissingOnesUnlessAllowed() throws Exception {
        Path mirror = dir.resolve("mirror");
        Path called = mirror.resolve("acme/tools/v1/.github/workflows/called.yml");
        Files.createDirectories(called.getParent());
        Files.writeString(called, CALLED);
        Path file = workflow("remote.yml", """
                on: push
                jobs:
                  a:
                    uses: acme/tools/.github/workflows/called.yml@v1
                  b:
                    uses: acme/missing/.github/workflows/called.yml@v1
                """);
        CliRun lenient = CliRun.of("validate", "--json", "--allow-unresolved-calls", "--actions-mirror", mirror.toString(),
                file.toString());
        assertThat(lenient.code()).isZero();
        JsonNode json = JSON.readTree(lenient.out().strip());
        assertThat(json.get("jobs").get(0).get("jobs").get(0).get("id").textValue()).isEqualTo("inner");
        CliRun strict = CliRun.of("validate", "--json", "--actions-mirror", mirror.toString(), file.toString());
        assertThat(strict.code()).isEqualTo(1);
        assertThat(strict.out()).contains("Unable to find reusable workflow");
        CliRun human = CliRun.of("validate", "--allow-unresolved-calls", "--actions-mirror", mirror.toString(), file.toString());
        assertThat(human.out()).contains("note: reusable workflow acme/missing/.github/workflows/called.yml@v1 was not found");
        CliRun errors = CliRun.of("validate", "--actions-mirror", mirror.toString(), file.toString());
        assertThat(errors.out()).contains(":6:11: error: Unable to find reusable workflow")
                .contains("hint: give --actions-mirror DIR");
    }

    @Test
    void theDefaultPermissionPolicyDecidesWhatCalledWorkflowsMayRequest() throws Exception {
        workflow("writes.yml", """
                on: workflow_call
                permissions:
                  contents: write
                jobs:
                  a:
                    runs-on: x
                    steps: [{run: echo}]
                """);
        Path file = workflow("caller.yml", "on: push\njobs:\n  c:\n    uses: ./.github/workflows/writes.yml\n");
        assertThat(CliRun.of("validate", file.toString()).code()).isEqualTo(1);
        assertThat(CliRun.of("validate", "--default-permissions", "permissive", file.toString()).code()).isZero();
        assertThat(CliRun.of("validate", "--default-permissions", "lax", file.toString()).code()).isEqualTo(2);
    }
}
