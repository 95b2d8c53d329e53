package dev.hearth.workflow.reusable;

import static dev.hearth.workflow.Workflows.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.workflow.ReadOptions;
import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.WorkflowReader;
import dev.hearth.workflow.model.Permissions;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunnerJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallResolverTest {
    @TempDir
    Path dir;
    Path repo;
    Path mirror;

    @BeforeEach
    void setUp() throws IOException {
        repo = Files.createDirectories(dir.resolve("repo"));
        mirror = Files.createDirectories(dir.resolve("mirror"));
    }

    private void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void remote(String owner, String name, String ref, String path, String text) throws IOException {
        write(mirror.resolve(owner).resolve(name).resolve(ref).resolve(path), text);
    }

    private ReadResult read(String caller) throws IOException {
        Path file = repo.resolve(".github/workflows/main.yml");
        write(file, caller);
        return WorkflowReader.read(file, new ReadOptions(repo, mirror, false, Permissions.limitedRead()));
    }

    private static List<String> problems(ReadResult r) {
        return r.problems().stream().map(p -> describe(p)).toList();
    }

    private static final String DEPLOY = """
            on:
              workflow_call:
                inputs:
                  app:
                    type: string
                    required: true
                  dry:
                    type: boolean
                secrets:
                  token:
                    required: true
            jobs:
              deploy:
                runs-on: ubuntu-latest
                steps:
                  - run: echo ${{ inputs.app }}
            """;

    @Test
    void resolvesLocalAndRemoteCallsRecursively() throws IOException {
        write(repo.resolve(".github/workflows/local.yml"), """
                on: workflow_call
                jobs:
                  inner:
                    uses: acme/tools/.github/workflows/leaf.yml@v1
                """);
        remote("acme", "tools", "v1", ".github/workflows/leaf.yml", """
                on: workflow_call
                jobs:
                  leaf:
                    runs-on: x
                    steps:
                      - run: echo leaf
                """);
        ReadResult r = read("""
                on: push
                jobs:
                  outer:
                    uses: ./.github/workflows/local.yml
                """);
        assertThat(r.problems()).isEmpty();
        ReusableWorkflowJob outer = (ReusableWorkflowJob) r.workflow().jobs().get(0);
        ReusableWorkflowJob inner = (ReusableWorkflowJob) outer.called().jobs().get(0);
        assertThat(inner.called().file()).isEqualTo("acme/tools/.github/workflows/leaf.yml@v1");
        assertThat(((RunnerJob) inner.called().jobs().get(0)).id()).isEqualTo("leaf");
    }

    @Test
    void checksInputsAndSecrets() throws IOException {
        remote("acme", "tools", "v1", ".github/workflows/deploy.yml", DEPLOY);
        ReadResult r = read("""
                on: push
                jobs:
                  a:
                    uses: acme/tools/.github/workflows/deploy.yml@v1
                    with:
                      colour: red
                      dry: "yes"
                    secrets:
                      pass: x
                """);
        assertThat(problems(r)).containsExactly(
                "4:11 Input app is required, but not provided while calling.",
                "4:11 Secret token is required, but not provided while calling.",
                "6:15 Invalid input, colour is not defined in the referenced workflow.",
                "7:12 Input dry is of type boolean, but the value 'yes' is not.",
                "9:13 Invalid secret, pass is not defined in the referenced workflow.");
        ReadResult ok = read("""
                on: push
                jobs:
                  a:
                    uses: acme/tools/.github/workflows/deploy.yml@v1
                    with:
                      APP: x
                      dry: ${{ github.event_name == 'push' }}
                    secrets: inherit
                """);
        assertThat(ok.problems()).isEmpty();
    }

    @Test
    void checksRequestedPermissionsAgainstTheCallersGrant() throws IOException {
        remote("a", "b", "v1", ".github/workflows/c.yml", """
                on: workflow_call
                permissions:
                  contents: write
                jobs:
                  deploy:
                    name: Deploy 1
                    permissions:
                      issues: write
                    runs-on: x
                    steps: [{run: echo}]
                """);
        ReadResult byDefault = read("on: push\njobs:\n  d:\n    uses: a/b/.github/workflows/c.yml@v1\n");
        assertThat(problems(byDefault)).containsExactly(
                "3:3 Error calling workflow 'a/b/.github/workflows/c.yml@v1'. The workflow "
                        + "'a/b/.github/workflows/c.yml@v1' is requesting 'contents: write', but is only allowed "
                        + "'contents: read'.",
                "3:3 Error calling workflow 'a/b/.github/workflows/c.yml@v1'. The nested job 'Deploy 1' is "
                        + "requesting 'issues: write', but is only allowed 'issues: none'.");
        ReadResult granted = read("""
                on: push
                jobs:
                  d:
                    permissions:
                      contents: write
                      issues: write
                    uses: a/b/.github/workflows/c.yml@v1
                """);
        assertThat(granted.problems()).isEmpty();
    }

    @Test
    void reportsUnresolvableCallsUnlessAllowed() throws IOException {
        ReadResult r = read("on: push\njobs:\n  d:\n    uses: nobody/none/.github/workflows/x.yml@v1\n"
                + "  e:\n    uses: ./.github/workflows/absent.yml\n");
        assertThat(problems(r)).containsExactly("4:11 Unable to find reusable workflow",
                "6:11 Unable to find reusable workflow");
        assertThat(r.problems().get(0).hint()).contains("--actions-mirror DIR").contains("--allow-unresolved-calls");
        assertThat(r.unresolved()).isEmpty();
        Path file = repo.resolve(".github/workflows/main.yml");
        ReadResult skipped = WorkflowReader.read(file, ReadOptions.defaults().withRepositoryRoot(repo)
                .withActionsMirror(mirror).withAllowUnresolvedCalls(true));
        assertThat(skipped.valid()).isTrue();
        assertThat(skipped.unresolved()).containsExactly("nobody/none/.github/workflows/x.yml@v1",
                "./.github/workflows/absent.yml");
    }

    @Test
    void requiresWorkflowCallInTheCalledWorkflow() throws IOException {
        write(repo.resolve(".github/workflows/plain.yml"), "on: push\njobs:\n  a:\n    runs-on: x\n    steps: [{run: echo}]\n");
        ReadResult r = read("on: push\njobs:\n  d:\n    uses: ./.github/workflows/plain.yml\n");
        assertThat(problems(r)).containsExactly("4:11 workflow_call key is not defined in the referenced workflow.");
    }

    @Test
    void reportsProblemsInsideCalledWorkflowsWithTheirFileName() throws IOException {
        write(repo.resolve(".github/workflows/bad.yml"), "on: workflow_call\njobs:\n  a:\n    steps: [{run: echo}]\n");
        ReadResult r = read("on: push\njobs:\n  d:\n    uses: ./.github/workflows/bad.yml\n");
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(".github/workflows/bad.yml");
            assertThat(p.message()).isEqualTo("Required property is missing: runs-on");
        });
    }

    @Test
    void stopsAtTheNestingLimitAndOnCycles() throws IOException {
        for (int i = 0; i < CallResolver.MAX_DEPTH + 2; i++) {
            write(repo.resolve(".github/workflows/w" + i + ".yml"),
                    "on: workflow_call\njobs:\n  j:\n    uses: ./.github/workflows/w" + (i + 1) + ".yml\n");
        }
        ReadResult r = read("on: push\njobs:\n  d:\n    uses: ./.github/workflows/w0.yml\n");
        assertThat(r.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("nested at most"));
        write(repo.resolve(".github/workflows/self.yml"), "on: workflow_call\njobs:\n  j:\n    uses: ./.github/workflows/self.yml\n");
        ReadResult loop = read("on: push\njobs:\n  d:\n    uses: ./.github/workflows/self.yml\n");
        assertThat(loop.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("nested at most"));
    }
}
