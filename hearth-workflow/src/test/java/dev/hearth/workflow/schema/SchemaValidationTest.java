package dev.hearth.workflow.schema;

import static dev.hearth.workflow.Workflows.problems;
import static dev.hearth.workflow.Workflows.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.ReadResult;
import org.junit.jupiter.api.Test;

class SchemaValidationTest {

    private static final String JOB = """
              build:
                runs-on: ubuntu-latest
                steps:
                  - run: echo hi
            """;

    @Test
    void acceptsAPlainWorkflow() {
        ReadResult r = read("on: push\njobs:\n" + JOB);
        assertThat(r.problems()).isEmpty();
        assertThat(r.valid()).isTrue();
    }

    @Test
    void reportsUnknownKeysWrongShapesAndMissingKeysAllAtOnceInDocumentOrder() {
        ReadResult r = read("""
                name: [a]
                on: push
                jobs:
                  build:
                    steps:
                      runn: x
                  other:
                    runs-on: x
                    colour: red
                """);
        assertThat(problems(r)).containsExactly(
                "1:7 A sequence was not expected",
                "5:5 Required property is missing: runs-on",
                "6:7 A mapping was not expected",
                "9:5 Unexpected value 'colour'");
    }

    @Test
    void explainsAStepThatIsNeitherRunNorUses() {
        ReadResult r = read("""
                on: push
                jobs:
                  build:
                    runs-on: x
                    steps:
                      - runn: echo hi
                """);
        assertThat(problems(r)).containsExactly(
                "6:9 Unexpected value 'runn'",
                "6:9 There's not enough info to determine what you meant. Add one of these properties: "
                        + "cancel, parallel, run, shell, uses, wait, wait-all, with, working-directory");
    }

    @Test
    void checksLiteralValues() {
        ReadResult r = read("""
                on:
                  pull_request:
                    types: [opened, shut]
                  workflow_call:
                    inputs:
                      n:
                        type: Datetime
                permissions:
                  contents: invalid
                  id-token: read
                jobs:
                  build:
                    runs-on: x
                    timeout-minutes: soon
                    continue-on-error: yes
                    steps:
                      - run: echo
                """);
        assertThat(problems(r)).containsExactly(
                "3:21 Unexpected value 'shut'",
                "7:15 Unexpected value 'Datetime'",
                "9:13 Unexpected value 'invalid'",
                "10:13 Unexpected value 'read'",
                "14:22 Unexpected value 'soon'",
                "15:24 Unexpected value 'yes'");
    }

    @Test
    void coercesScalarsToStringsWhereStringsAreExpected() {
        ReadResult r = read("""
                name: 12
                on: push
                env:
                  A: true
                  B: 1.5
                jobs:
                  build:
                    runs-on: 7
                    steps:
                      - run: 42
                """);
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void refusesUnknownEventsAndFiltersOfOtherEvents() {
        ReadResult r = read("""
                on:
                  pushh:
                  push:
                    inputs: {}
                jobs:
                """ + JOB);
        assertThat(problems(r)).containsExactly("2:3 Unexpected value 'pushh'", "4:5 Unexpected value 'inputs'");
        assertThat(read("on: [push, pull]\njobs:\n" + JOB).problems()).hasSize(1);
    }

    @Test
    void allowsExpressionsOnlyWithTheContextsOfTheirKey() {
        ReadResult r = read("""
                name: ${{ github.ref }}
                on: push
                env:
                  A: ${{ steps.x.outputs.y }}
                jobs:
                  build:
                    runs-on: ${{ matrix.os }}
                    strategy:
                      matrix:
                        os: [a, b]
                    steps:
                      - run: echo ${{ hashFiles('x') }} ${{ secrets.T }}
                        if: ${{ always() }}
                """);
        assertThat(read("name: x${{ 'y' }}\non: push\njobs:\n" + JOB).problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).isEqualTo("A template expression is not allowed in this context"));
        assertThat(problems(r)).containsExactly(
                "1:7 Unrecognized named-value: 'github'. Located at position 1 within expression: github.ref",
                "4:6 Unrecognized named-value: 'steps'. Located at position 1 within expression: steps.x.outputs.y");
    }

    @Test
    void reportsBrokenTemplates() {
        ReadResult r = read("""
                on: push
                jobs:
                  build:
                    runs-on: x
                    env:
                      A: "bad ${{ insert }}"
                    steps:
                      - run: echo ${{ }}
                      - run: echo ${{ github.sha
                """);
        assertThat(problems(r)).hasSize(3);
        assertThat(r.problems().get(0).message()).startsWith("The directive 'insert' is not allowed");
        assertThat(problems(r).get(1)).isEqualTo("8:19 An expression was expected");
        assertThat(r.problems().get(2).message()).startsWith("The expression is not closed.");
    }

    @Test
    void requiresJobsAndTypedCallInputs() {
        assertThat(problems(read("on: push\n"))).containsExactly("1:1 Required property is missing: jobs");
        ReadResult r = read("""
                on:
                  workflow_call:
                    inputs:
                      u:
                        default: x
                jobs:
                  build:
                    runs-on: self-hosted
                    concurrency:
                      cancel-in-progress: true
                    environment:
                      url: https://example.com
                    steps:
                      - run: echo
                """);
        assertThat(problems(r)).containsExactly(
                "5:9 Required property is missing: type",
                "10:7 Required property is missing: group",
                "12:7 Required property is missing: name");
    }

    @Test
    void readsWorkflowDispatchInputsLoosely() {
        ReadResult nullInputs = read("on:\n  workflow_dispatch:\n    inputs:\njobs:\n" + JOB);
        assertThat(problems(nullInputs)).isEmpty();
        assertThat(nullInputs.workflow().dispatchInputs()).isEmpty();
        ReadResult loose = read("""
                on:
                  workflow_dispatch:
                    inputs:
                      plain:
                      flag:
                        type: boolean
                jobs:
                """ + JOB);
        assertThat(problems(loose)).isEmpty();
        assertThat(loose.workflow().dispatchInputs().get("plain").type()).isEqualTo("string");
        assertThat(loose.workflow().dispatchInputs().get("flag").type()).isEqualTo("boolean");
        // Only null is loose: unknown keys, beside inputs or in an input, are still reported.
        ReadResult unknown = read("""
                on:
                  workflow_dispatch:
                    colour: red
                    inputs:
                      flag:
                        kind: boolean
                jobs:
                """ + JOB);
        assertThat(problems(unknown)).containsExactly("3:5 Unexpected value 'colour'", "6:9 Unexpected value 'kind'");
    }

    @Test
    void holdsTheFormatExpressionBuiltFromTextToTheLengthLimit() {
        // The text around one short expression makes format('...{0}...', github.sha) too long.
        String padding = "#" + "7".repeat(999) + "\n";
        String longRun = """
                on: push
                jobs:
                  a:
                    runs-on: x
                    steps:
                      - run: |
                          echo ${{ github.sha }}
                """ + ("          " + padding).repeat(21);
        assertThat(problems(read(longRun))).containsExactly("6:14 Exceeded max expression length 21000");
        String shorter = longRun.substring(0, longRun.length() - 2 * (10 + padding.length()));
        assertThat(problems(read(shorter))).isEmpty();
        // Without an expression the text is a plain string, of any length.
        assertThat(problems(read(longRun.replace("${{ github.sha }}", "sha")))).isEmpty();
    }
}
