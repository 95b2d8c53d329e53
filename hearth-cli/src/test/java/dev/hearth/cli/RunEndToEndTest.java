package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth run} on small workflows in real git repositories made by the test, with steps run as
 * host processes by the real engine: exit codes, the summary, JSON, job and matrix selection, masked
 * secrets, annotations and Ctrl-C.
 */
class RunEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;

    /** Writes the workflow into a fresh git repository with one commit; returns the workflow file. */
    private Path repository(String workflow) throws Exception {
        return TestRepos.withWorkflow(repo, "ci.yml", workflow, "test repository\n");
    }

    private static CliRun run(Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "-W", file.toString(), "--backend", "host"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aSucceedingRunShowsItsLogTableAndSummary() throws Exception {
        Path file = repository("""
                name: CI
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo hello from hearth
                      - name: Report
                        run: |
                          echo "::group::Details"
                          echo inside the group
                          echo "::endgroup::"
                          echo "::warning file=src/a.txt,line=3,col=2::look here"
                          echo "### All good" >> "$GITHUB_STEP_SUMMARY"
                """);
        CliRun r = run(file);
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[build / Run echo hello from hearth]  hello from hearth",
                "[build / Report]    inside the group", "Details");
        assertThat(r.out()).containsPattern("(?m)^JOB +STEP +RESULT +DURATION$")
                .containsPattern("(?m)^build +(\u2713 )?success +\\S+$")
                .containsPattern("(?m)^ +Report +(\u2713 )?success +\\S+$")
                .contains("Summary of build\n  ### All good\n")
                .contains("Warning: src/a.txt:3:2: look here  (build)")
                .containsPattern("(?m)^Run succeeded in \\S+$");
    }

    @Test
    void aFailingStepFailsTheRunWithExitCode1() throws Exception {
        Path file = repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: exit 3
                      - run: echo never printed
                """);
        CliRun r = run(file);
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).containsPattern("(?m)^ +Run exit 3 +(\u2717 )?failure ")
                .containsPattern("(?m)^ +Run echo never printed +(- )?skipped")
                .doesNotContain("]  never printed")
                .containsPattern("(?m)^Run failed in \\S+$");
    }

    @Test
    void jsonGoesToStdoutAndTheLogToStderr() throws Exception {
        Path file = repository("""
                name: Outputs
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    outputs:
                      answer: ${{ steps.compute.outputs.answer }}
                    steps:
                      - id: compute
                        name: Compute
                        run: |
                          echo "answer=42" >> "$GITHUB_OUTPUT"
                          echo computing
                """);
        CliRun r = run(file, "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("conclusion").asText()).isEqualTo("success");
        JsonNode job = root.at("/runs/0/jobs/0");
        assertThat(root.at("/runs/0/workflow").asText()).isEqualTo("Outputs");
        assertThat(root.at("/runs/0/event").asText()).isEqualTo("push");
        assertThat(job.get("id").asText()).isEqualTo("build");
        assertThat(job.get("result").asText()).isEqualTo("success");
        assertThat(job.at("/outputs/answer").asText()).isEqualTo("42");
        assertThat(job.at("/steps/0/id").asText()).isEqualTo("compute");
        assertThat(job.at("/steps/0/outputs/answer").asText()).isEqualTo("42");
        assertThat(job.at("/steps/0/exitCode").asInt()).isZero();
        assertThat(job.at("/steps/0/durationMs").isIntegralNumber()).isTrue();
        assertThat(r.err()).contains("[build / Compute]  computing");
    }

    @Test
    void jobAndMatrixSelection() throws Exception {
        Path file = repository("""
                on: push
                jobs:
                  first:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo output of first
                  legs:
                    runs-on: ubuntu-latest
                    strategy:
                      matrix:
                        os: [red, blue]
                    steps:
                      - run: echo "leg ${{ matrix.os }}"
                """);
        CliRun onlyLegs = run(file, "-j", "legs", "--matrix", "os:blue");
        assertThat(onlyLegs.code()).as(onlyLegs.out() + onlyLegs.err()).isZero();
        assertThat(onlyLegs.out()).contains("]  leg blue").doesNotContain("leg red", "output of first");
        CliRun all = run(file);
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("]  leg blue", "]  leg red", "]  output of first");
    }

    @Test
    void secretsFromFlagsAndFileAreMasked() throws Exception {
        Path file = repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          echo "token=${{ secrets.TOKEN }}"
                          echo "password=$PASSWORD"
                          echo "::notice::${{ secrets.TOKEN }} in a notice"
                        env:
                          PASSWORD: ${{ secrets.PASSWORD }}
                """);
        Path secrets = Files.writeString(repo.resolve("my.secrets"), "# test secrets\nPASSWORD=\"pa55 w0rd!\"\n");
        CliRun r = run(file, "-s", "TOKEN=tok-3f9a1c", "--secret-file", secrets.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("]  token=***", "]  password=***", "*** in a notice")
                .doesNotContain("tok-3f9a1c", "pa55 w0rd!");
        CliRun json = run(file, "-s", "TOKEN=tok-3f9a1c", "--secret-file", secrets.toString(), "--json");
        assertThat(json.out() + json.err()).doesNotContain("tok-3f9a1c", "pa55 w0rd!");
    }

    @Test
    void aDryRunRunsNothingAndTheRealRunDoes() throws Exception {
        Path marker = repo.getParent().resolve(repo.getFileName() + "-ran");
        Path file = repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: touch '%s'
                """.formatted(marker));
        CliRun dry = run(file, "-n");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("verdict  triggered", "[run] Run touch");
        assertThat(marker).doesNotExist();
        CliRun real = run(file);
        assertThat(real.code()).as(real.out() + real.err()).isZero();
        assertThat(marker).exists();
        Files.delete(marker);
    }

    @Test
    void jobIsolationRunsIndependentJobsEachInItsSandbox() throws Exception {
        Path file = repository("""
                on: push
                jobs:
                  one:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "from one"
                  two:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "from two"
                  both:
                    needs: [one, two]
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "after both"
                """);
        CliRun r = run(file, "--isolation", "job");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[one / Run echo \"from one\"]  from one", "[two / Run echo \"from two\"]  from two",
                "]  after both");
        assertThat(r.out().indexOf("]  after both")).isGreaterThan(r.out().indexOf("]  from one"))
                .isGreaterThan(r.out().indexOf("]  from two"));
    }

    @Test
    void inBubblewrap() throws Exception {
        Availability bwrap = Backends.named("bwrap").availability();
        Assumptions.assumeTrue(bwrap.available(), "bubblewrap does not work here: " + bwrap.reason());
        Path file = repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "inside as $(id -u)"
                      - run: exit 4
                """);
        CliRun r = CliRun.of("run", "-W", file.toString(), "--backend", "bwrap");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("]  inside as ").containsPattern("(?m)^ +Run exit 4 +(\u2717 )?failure ")
                .containsPattern("(?m)^Run failed in \\S+$");
    }

    /** As a user runs it: its own process, in the repository, with the environment and a .secrets file. */
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net for a hung child, not a speed check
    void defaultsFromTheRepositoryAndTheEnvironment() throws Exception {
        repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo "a=${{ secrets.FROM_FILE }} b=${{ secrets.FROM_ENV }} c=${{ vars.COLOR }}"
                """);
        Files.writeString(repo.resolve(".secrets"), "FROM_FILE=file-secret-81\n");
        Files.writeString(repo.resolve(".vars"), "COLOR=teal\n");
        Process p = hearth(List.of("run", "--backend", "host", "-s", "FROM_ENV"), "FROM_ENV", "env-secret-27");
        String out = drain(p.getInputStream());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("]  a=*** b=*** c=teal").doesNotContain("file-secret-81", "env-secret-27");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES) // a safety net for a hung child, not a speed check
    void ctrlCCancelsTheRun() throws Exception {
        repository("""
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: echo waiting; sleep 120
                      - if: always()
                        run: echo cleanup ran
                """);
        Process p = hearth(List.of("run", "--backend", "host"), null, null);
        StringBuilder seen = new StringBuilder();
        InputStream in = p.getInputStream();
        // Wait until the step is running (its first line is printed), then press Ctrl-C.
        byte[] buf = new byte[8192];
        int n;
        while (!seen.toString().contains("]  waiting") && (n = in.read(buf)) > 0) {
            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        assertThat(seen.toString()).contains("]  waiting");
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        seen.append(drain(in));
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        String out = seen.toString();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("Cancelling run", "]  cleanup ran").containsPattern("(?m)^Run cancelled in \\S+$");
    }

    /** Starts {@code hearth} as its own JVM in the repository, stderr merged into stdout. */
    private Process hearth(List<String> args, String envName, String envValue) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
        if (envName != null) {
            pb.environment().put(envName, envValue);
        }
        pb.environment().remove("NO_COLOR");
        return pb.start();
    }

    private static String drain(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
