package dev.hearth.actions.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.actions.ActionException;
import dev.hearth.actions.ActionException.Kind;
import dev.hearth.actions.ActionManifest;
import dev.hearth.workflow.model.Position;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.UsesStep;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    @TempDir
    Path dir;

    private static ActionManifest parse(String yaml) throws ActionException {
        return ManifestReader.parse("a/action.yml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The message of the BAD_MANIFEST the text gives. */
    private static String problem(String yaml) {
        try {
            parse(yaml);
        } catch (ActionException e) {
            assertThat(e.kind()).isEqualTo(Kind.BAD_MANIFEST);
            return e.getMessage();
        }
        throw new AssertionError("no problem found in\n" + yaml);
    }

    @Test
    void composite() throws Exception {
        ActionManifest m = parse("""
                name: Build
                description: builds it
                author: someone
                branding: {icon: box, color: blue}
                inputs:
                  target:
                    description: what to build
                    required: true
                    default: ${{ github.ref_name }}
                  old:
                    deprecationMessage: use target
                outputs:
                  artifact:
                    description: the file
                    value: ${{ steps.make.outputs.file }}
                runs:
                  using: composite
                  steps:
                    - id: make
                      run: make ${{ inputs.target }}
                      shell: bash
                      working-directory: src
                      env: {CC: gcc}
                      if: inputs.target != ''
                      continue-on-error: true
                    - name: Nested
                      uses: ./nested
                      with: {level: 2}
                """);
        assertThat(m.name()).isEqualTo("Build");
        assertThat(m.description()).isEqualTo("builds it");
        assertThat(m.file()).isEqualTo("action.yml");
        assertThat(m.inputs()).containsExactly(
                Map.entry("target", new ActionManifest.Input("what to build", true, "${{ github.ref_name }}", null)),
                Map.entry("old", new ActionManifest.Input(null, false, null, "use target")));
        assertThat(m.outputs()).containsExactly(
                Map.entry("artifact", new ActionManifest.Output("the file", "${{ steps.make.outputs.file }}")));
        ActionManifest.Composite c = (ActionManifest.Composite) m.runs();
        assertThat(c.using()).isEqualTo("composite");
        assertThat(c.position()).isEqualTo(new Position(19, 5));
        assertThat(c.steps()).hasSize(2);
        RunStep run = (RunStep) c.steps().get(0);
        assertThat(run.id()).isEqualTo("make");
        assertThat(run.run()).isEqualTo("make ${{ inputs.target }}");
        assertThat(run.shell()).isEqualTo("bash");
        assertThat(run.workingDirectory()).isEqualTo("src");
        assertThat(run.env()).containsExactly(Map.entry("CC", "gcc"));
        assertThat(run.condition()).isEqualTo("success() && (inputs.target != '')");
        assertThat(run.continueOnError()).isEqualTo(true);
        assertThat(run.position()).isEqualTo(new Position(19, 7));
        UsesStep uses = (UsesStep) c.steps().get(1);
        assertThat(uses.uses()).isEqualTo("./nested");
        assertThat(uses.with()).containsExactly(Map.entry("level", "2"));
        assertThat(uses.name()).isEqualTo("Nested");
    }

    @Test
    void javascript() throws Exception {
        ActionManifest m = parse("""
                name: JS
                outputs:
                  time: {description: when, value: ignored for JavaScript}
                runs:
                  using: Node20
                  main: dist/index.js
                  pre: dist/setup.js
                  post: dist/cleanup.js
                  post-if: success()
                """);
        assertThat(m.runs()).isEqualTo(new ActionManifest.Node("node20", "dist/index.js", "dist/setup.js", "always()",
                "dist/cleanup.js", "success()"));
        assertThat(m.outputs().get("time")).isEqualTo(new ActionManifest.Output("when", null));
        for (String v : List.of("node12", "node16", "node24")) {
            assertThat(parse("runs: {using: " + v + ", main: a.js}").runs().using()).isEqualTo(v);
        }
    }

    @Test
    void docker() throws Exception {
        ActionManifest m = parse("""
                runs:
                  using: docker
                  image: Dockerfile
                  entrypoint: /entry.sh
                  args:
                    - --who
                    - ${{ inputs.who }}
                    - 3
                  env: {MODE: fast, LEVEL: 2}
                  pre-entrypoint: /pre.sh
                  pre-if: runner.os == 'Linux'
                  post-entrypoint: /post.sh
                """);
        assertThat(m.runs()).isEqualTo(new ActionManifest.Docker("Dockerfile", "/entry.sh",
                List.of("--who", "${{ inputs.who }}", "3"), Map.of("MODE", "fast", "LEVEL", "2"), "/pre.sh", "/post.sh",
                "runner.os == 'Linux'", "always()"));
        assertThat(((ActionManifest.Docker) parse("runs: {using: docker, image: 'docker://alpine:3'}").runs()).image())
                .isEqualTo("docker://alpine:3");
    }

    @Test
    void compositeRunStepsNeedAShell() {
        assertThat(problem("""
                runs:
                  using: composite
                  steps:
                    - run: echo hi
                """)).isEqualTo("a/action.yml:4:7: Required property is missing: shell");
    }

    @Test
    void compositeStepsTakeOnlyTheirKeys() {
        assertThat(problem("""
                runs:
                  using: composite
                  steps:
                    - uses: actions/cache@v4
                      timeout-minutes: 3
                    - run: make
                      shell: bash
                      background: true
                """)).isEqualTo("""
                a/action.yml:5:7: Unexpected value 'timeout-minutes'
                a/action.yml:8:7: Unexpected value 'background'""");
    }

    @Test
    void compositeStepsAreCheckedAsJobSteps() {
        assertThat(problem("""
                runs:
                  using: composite
                  steps:
                    - id: a
                      run: echo
                      shell: bash
                    - id: a
                      uses: checkout
                """)).isEqualTo("""
                a/action.yml:7:11: The identifier 'a' may not be used more than once within the same scope.
                a/action.yml:8:13: Expected format {org}/{repo}[/path]@ref. Actual 'checkout'""");
    }

    @Test
    void expressionsOnlyWithTheContextsActionsHave() {
        String message = problem("""
                runs:
                  using: composite
                  steps:
                    - run: echo ${{ secrets.TOKEN }}
                      shell: bash
                """);
        assertThat(message).isEqualTo("a/action.yml:4:17: Unrecognized named-value: 'secrets'. Located at position 1 "
                + "within expression: secrets.TOKEN");
    }

    @Test
    void usingIsChecked() {
        assertThat(problem("runs:\n  using: node10\n  main: a.js\n")).isEqualTo("a/action.yml:2:10: 'using: node10' is "
                + "not supported, use 'composite', 'docker', 'node12', 'node16', 'node20' or 'node24' instead.");
        assertThat(problem("runs:\n  main: a.js\n")).isEqualTo("a/action.yml:2:3: Missing 'using' value. 'using' "
                + "requires 'composite', 'docker', 'node12', 'node16', 'node20' or 'node24'.");
        assertThat(problem("name: x\n")).isEqualTo("a/action.yml:1:1: Top level 'runs:' section is required for "
                + "a/action.yml");
        assertThat(problem("runs:\n  using: node20\n")).isEqualTo("a/action.yml:2:3: You are using a JavaScript "
                + "Action but there is not an entry JavaScript file provided in a/action.yml.");
        assertThat(problem("runs:\n  using: docker\n")).isEqualTo("a/action.yml:2:3: You are using a Container Action "
                + "but an image is not provided in a/action.yml.");
        assertThat(problem("runs:\n  using: composite\n")).isEqualTo("a/action.yml:2:3: You are using a composite "
                + "action but there are no steps provided in a/action.yml.");
        assertThat(problem("runs:\n  using: docker\n  image: x\n  stepz: []\n"))
                .isEqualTo("a/action.yml:4:3: Unexpected value 'stepz'");
    }

    @Test
    void yamlProblemsArePositioned() {
        assertThat(problem("runs:\n  using: composite\n  steps: [\n")).startsWith("a/action.yml:4:");
        assertThat(problem("- just\n- a list\n")).isEqualTo("a/action.yml:1:1: A sequence was not expected");
        assertThat(problem("")).isEqualTo("a/action.yml:1:1: Top level 'runs:' section is required for a/action.yml");
    }

    @Test
    void actionYmlComesBeforeActionYaml() throws Exception {
        Files.writeString(dir.resolve("action.yaml"), "runs: {using: node20, main: yaml.js}\n");
        ActionManifest yaml = ManifestReader.read(dir, "x");
        assertThat(yaml.file()).isEqualTo("action.yaml");
        assertThat(((ActionManifest.Node) yaml.runs()).main()).isEqualTo("yaml.js");
        Files.writeString(dir.resolve("action.yml"), "runs: {using: node20, main: yml.js}\n");
        assertThat(((ActionManifest.Node) ManifestReader.read(dir, "x").runs()).main()).isEqualTo("yml.js");
    }

    @Test
    void problemsNameTheFileByItsLabel() throws Exception {
        Files.writeString(dir.resolve("action.yaml"), "runs:\n  using: perl\n");
        try {
            ManifestReader.read(dir, "acme/tool/v1/sub");
            throw new AssertionError("read");
        } catch (ActionException e) {
            assertThat(e.getMessage()).startsWith("acme/tool/v1/sub/action.yaml:2:10: 'using: perl' is not supported");
        }
    }

    @Test
    void aLoneDockerfileIsADockerAction() throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM alpine\n");
        ActionManifest m = ManifestReader.read(dir, "x");
        assertThat(m.runs()).isEqualTo(new ActionManifest.Docker("Dockerfile", null, List.of(), Map.of(), null, null));
        assertThat(m.file()).isEqualTo("Dockerfile");
    }

    @Test
    void nothingToRead() {
        try {
            ManifestReader.read(dir, "x");
            throw new AssertionError("read");
        } catch (ActionException e) {
            assertThat(e.kind()).isEqualTo(Kind.BAD_MANIFEST);
            assertThat(e.getMessage()).isEqualTo("Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '" + dir
                    + "'.");
        }
    }
}
