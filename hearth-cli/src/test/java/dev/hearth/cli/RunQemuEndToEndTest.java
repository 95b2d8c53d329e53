package dev.hearth.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.process.ProcFs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hearth run --backend qemu}: a workflow of two jobs in one microVM, through the real engine,
 * CLI and guest; and no QEMU left once the run is over.
 */
class RunQemuEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path repo;

    private Path repository(String workflow) throws Exception {
        return TestRepos.withWorkflow(repo, "vm.yml", workflow, "checked out into the guest\n");
    }

    private static List<Long> qemus() {
        return ProcFs.withCommandLineContaining("qemu-system-x86_64");
    }

    @Test
    void runsAWorkflowsJobsInOneMicroVm() throws Exception {
        Availability qemu = Backends.named("qemu").availability();
        Assumptions.assumeTrue(qemu.available(), () -> "qemu backend: " + qemu.reason());
        Path file = repository("""
                name: In a VM
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    outputs:
                      kernel: ${{ steps.where.outputs.kernel }}
                    steps:
                      - id: where
                        name: Where am I
                        run: |
                          echo "kernel=$(uname -r)" >> "$GITHUB_OUTPUT"
                          echo "host name $(uname -n)"
                          echo "built" > "$RUNNER_TEMP/../shared.txt"
                      - name: Start a server
                        run: |
                          sleep 300 > /dev/null 2>&1 &
                          echo $! > "$RUNNER_TEMP/../server.pid"
                      - name: It still runs
                        run: kill -0 "$(cat "$RUNNER_TEMP/../server.pid")" && echo "server alive"
                      - name: Fails but may
                        continue-on-error: true
                        run: exit 3
                  test:
                    needs: build
                    runs-on: ubuntu-latest
                    steps:
                      - name: Same machine
                        run: |
                          echo "kernel ${{ needs.build.outputs.kernel }}"
                          test "$(uname -r)" = "${{ needs.build.outputs.kernel }}"
                          cat "$RUNNER_TEMP/../shared.txt" 2>/dev/null || echo "no shared file"
                """);
        CliRun r = CliRun.of("run", "-W", file.toString(), "--backend", "qemu", "--json");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        JsonNode root = JSON.readTree(r.out());
        assertThat(root.get("conclusion").asText()).isEqualTo("success");
        JsonNode build = root.at("/runs/0/jobs/0");
        assertThat(build.get("result").asText()).isEqualTo("success");
        String kernel = build.at("/outputs/kernel").asText();
        assertThat(kernel).endsWith("-cloud-amd64").isNotEqualTo(System.getProperty("os.version"));
        assertThat(build.at("/steps/3/exitCode").asInt()).isEqualTo(3);
        assertThat(build.at("/steps/3/outcome").asText()).isEqualTo("failure");
        assertThat(root.at("/runs/0/jobs/1/result").asText()).isEqualTo("success");
        assertThat(r.err()).contains("host name hearth", "server alive", "kernel " + kernel);
        assertThat(qemus()).as("no QEMU after the run").isEmpty();
    }
}
