package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutates workflow texts at random (seeded, so failures reproduce) and checks that the reader never
 * throws and that every {@code validate --json} answer is valid JSON of the documented shape.
 */
class ValidateFuzzTest {
    private static final long SEED = 20_261_121L;
    private static final int ITERATIONS = 3000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> SEEDS = List.of("""
            name: CI
            on:
              push:
                branches: [main]
              pull_request:
                types: [opened, synchronize]
              workflow_dispatch:
                inputs:
                  level:
                    type: choice
                    options: [a, b]
            env:
              A: ${{ github.ref }}
            permissions:
              contents: read
            concurrency:
              group: ci-${{ github.ref }}
              cancel-in-progress: true
            jobs:
              build:
                runs-on: ${{ matrix.os }}
                strategy:
                  fail-fast: false
                  matrix:
                    os: [ubuntu-latest, windows-latest]
                    node: [18, 20]
                    include:
                      - os: macos-latest
                        node: 22
                steps:
                  - uses: actions/checkout@v4
                  - id: build
                    run: |
                      npm ci
                      npm test -- --node ${{ matrix.node }}
                    if: ${{ success() && github.event_name == 'push' }}
                    env:
                      CI: true
              deploy:
                needs: [build]
                if: github.ref == 'refs/heads/main'
                uses: ./.github/workflows/deploy.yml
                with:
                  env: prod
                secrets: inherit
            """, """
            on: [push, pull_request]
            defaults:
              run:
                shell: bash
            jobs:
              test:
                runs-on: ubuntu-latest
                container:
                  image: node:20
                  env:
                    X: &anchor value
                services:
                  redis:
                    image: redis
                    ports: ['6379:6379']
                timeout-minutes: 30
                steps:
                  - run: echo *anchor
                  - uses: docker://alpine:3
                    with:
                      args: echo hi
                  - name: Lint
                    run: make lint
                    continue-on-error: ${{ matrix.experimental }}
            """, """
            on:
              workflow_call:
                inputs:
                  app:
                    type: string
                    required: true
                secrets:
                  token:
                    required: false
                outputs:
                  url:
                    value: ${{ jobs.deploy.outputs.url }}
              schedule:
                - cron: '0 3 * * 1'
            jobs:
              deploy:
                runs-on: [self-hosted, linux]
                environment:
                  name: production
                  url: ${{ steps.d.outputs.url }}
                outputs:
                  url: ${{ steps.d.outputs.url }}
                steps:
                  - id: d
                    run: ./deploy.sh "${{ inputs.app }}"
            """);

    private static final String[] NOISE = {":", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "!!timestamp ", "|",
        ">", "'", "\"", "#", "\t", "${{", "}}", "${{ github.", "\u00e9", "\u2028", "\uD83D\uDE00", " ", "\n", "? ",
        "---\n", "...", "%YAML 1.2\n", "<<: *a\n", "\\", "~", "null", "0x", ".inf", "@", "on", "jobs", "runs-on:"};

    @Test
    @Timeout(60)
    void readerNeverThrowsAndJsonAnswersKeepTheirShape() throws Exception {
        Random random = new Random(SEED);
        ReadOptions options = ReadOptions.defaults();
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(SEEDS.get(random.nextInt(SEEDS.size())), random);
            ReadResult result;
            try {
                result = WorkflowReader.read("fuzz.yml", input, options);
            } catch (RuntimeException | StackOverflowError e) {
                fail("iteration " + i + " threw on input:\n" + new String(input, StandardCharsets.UTF_8), e);
                return;
            }
            assertThat(result.problems()).as("iteration %d", i)
                    .noneMatch(p -> p.message().startsWith(WorkflowReader.INTERNAL_ERROR));
            String line = ValidationJson.of(result);
            assertThat(line).doesNotContain("\n");
            JsonNode json = JSON.readTree(line);
            checkShape(json, i);
        }
    }

    private static void checkShape(JsonNode json, int iteration) {
        String at = "iteration " + iteration + ": " + json;
        assertThat(json.isObject()).as(at).isTrue();
        assertThat(json.get("valid").isBoolean()).as(at).isTrue();
        assertThat(json.get("errors").isArray()).as(at).isTrue();
        for (JsonNode e : json.get("errors")) {
            assertThat(e.get("line").isInt() || e.get("line").isNull()).as(at).isTrue();
            assertThat(e.get("column").isInt() || e.get("column").isNull()).as(at).isTrue();
            assertThat(e.get("message").isTextual()).as(at).isTrue();
        }
        if (json.get("valid").booleanValue()) {
            assertThat(json.get("errors")).as(at).isEmpty();
        } else {
            assertThat(json.get("errors")).as(at).isNotEmpty();
        }
        checkJobs(json.get("jobs"), at);
    }

    private static void checkJobs(JsonNode jobs, String at) {
        assertThat(jobs.isArray()).as(at).isTrue();
        for (JsonNode j : jobs) {
            assertThat(j.get("id").isTextual()).as(at).isTrue();
            assertThat(j.get("needs").isArray()).as(at).isTrue();
            assertThat(j.get("if").isTextual()).as(at).isTrue();
            assertThat(j.get("uses").isTextual() || j.get("uses").isNull()).as(at).isTrue();
            assertThat(j.get("steps").isArray()).as(at).isTrue();
            for (JsonNode s : j.get("steps")) {
                assertThat(s.get("id").isTextual() || s.get("id").isNull()).as(at).isTrue();
                assertThat(s.get("if").isTextual()).as(at).isTrue();
            }
            checkJobs(j.get("jobs"), at);
        }
    }

    private static byte[] mutate(String seed, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(seed.split("\n", -1)));
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = random.nextInt(lines.size());
            int j = random.nextInt(lines.size());
            switch (random.nextInt(9)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, lines.get(j));
                case 2 -> {
                    String t = lines.get(i);
                    lines.set(i, lines.get(j));
                    lines.set(j, t);
                }
                case 3 -> lines.set(i, " ".repeat(random.nextInt(4)) + lines.get(i));
                case 4 -> lines.set(i, lines.get(i).replaceFirst("^ {1,3}", ""));
                case 5, 6 -> {
                    String t = lines.get(i);
                    int at = t.isEmpty() ? 0 : random.nextInt(t.length() + 1);
                    lines.set(i, t.substring(0, at) + NOISE[random.nextInt(NOISE.length)] + t.substring(at));
                }
                case 7 -> lines.set(i, lines.get(i) + " " + "x".repeat(random.nextInt(10) == 0 ? 50_000 : 200));
                default -> lines.set(i, lines.get(i).replace("  ", "\t"));
            }
        }
        byte[] bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        if (random.nextInt(20) == 0 && bytes.length > 0) {
            bytes[random.nextInt(bytes.length)] = (byte) (0x80 + random.nextInt(0x80)); // often invalid UTF-8
        }
        return bytes;
    }
}
