package dev.hearth.actions.classify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.actions.resolve.ActionSources;
import dev.hearth.actions.resolve.DefaultActionResolver;
import dev.hearth.workflow.plan.UsesLabel;
import dev.hearth.workflow.plan.UsesRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsesClassifierTest {

    private static final String COMPOSITE = """
            runs:
              using: composite
              steps:
                - run: echo one
                  shell: bash
                - run: echo two
                  shell: bash
                - uses: ./other
            """;

    @TempDir
    Path tmp;

    Path repo;
    Path mirror;

    @BeforeEach
    void files() throws Exception {
        repo = Files.createDirectories(tmp.resolve("repo"));
        mirror = Files.createDirectories(tmp.resolve("mirror"));
        write(repo.resolve(".github/actions/build/action.yml"), COMPOSITE);
        write(repo.resolve(".github/actions/js/action.yaml"), "runs: {using: node24, main: index.js}\n");
        write(repo.resolve(".github/actions/box/action.yml"), "runs: {using: docker, image: Dockerfile}\n");
        write(repo.resolve(".github/actions/broken/action.yml"), "runs: {using: perl}\n");
        write(mirror.resolve("acme/tool/v2/action.yml"), "runs: {using: node20, main: dist/index.js}\n");
        write(mirror.resolve("acme/tool/v2/sub/action.yml"), COMPOSITE.replace("    - uses: ./other\n", ""));
        write(mirror.resolve("acme/image/v1/action.yml"), "runs: {using: docker, image: 'docker://alpine'}\n");
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private UsesClassifier classifier(boolean docker, boolean llm, boolean offline) {
        ActionSources sources = new ActionSources("file:///nowhere", tmp.resolve("cache"), mirror, offline, null);
        return new UsesClassifier(new DefaultActionResolver(sources), repo, docker, llm);
    }

    private static Classification c(ActionClass k, String note) {
        return new Classification(k, note);
    }

    @Test
    void builtins() {
        UsesClassifier u = classifier(false, false, false);
        assertThat(u.step("actions/checkout@v4")).isEqualTo(c(ActionClass.BUILTIN, "native, no download"));
        assertThat(u.step("Actions/Cache/restore@v4").actionClass()).isEqualTo(ActionClass.BUILTIN);
        assertThat(u.step("actions/setup-node@v4")).isEqualTo(c(ActionClass.REMOTE, "fetched when the job runs"));
    }

    @Test
    void localActionsByTheirManifest() {
        UsesClassifier u = classifier(false, false, false);
        assertThat(u.step("./.github/actions/build")).isEqualTo(c(ActionClass.LOCAL, "composite, 3 steps"));
        assertThat(u.step("./.github/actions/js")).isEqualTo(c(ActionClass.LOCAL, "node24"));
        assertThat(u.step("./.github/actions/box")).isEqualTo(c(ActionClass.DOCKER, "needs Docker"));
        assertThat(u.step("./.github/actions/absent"))
                .isEqualTo(c(ActionClass.LOCAL, "no action.yml here yet; read when the job runs"));
        Classification broken = u.step("./.github/actions/broken");
        assertThat(broken.actionClass()).isEqualTo(ActionClass.UNSUPPORTED);
        assertThat(broken.note()).isEqualTo("invalid action: .github/actions/broken/action.yml:1:15: 'using: perl' is "
                + "not supported, use 'composite', 'docker', 'node12', 'node16', 'node20' or 'node24' instead.");
    }

    @Test
    void dockerDependsOnTheEngineAndTheLlm() {
        assertThat(classifier(true, false, false).step("./.github/actions/box")).isEqualTo(c(ActionClass.DOCKER, "docker"));
        assertThat(classifier(false, true, false).step("./.github/actions/box"))
                .isEqualTo(c(ActionClass.LLM, "needs Docker, none here; LLM translation"));
        assertThat(classifier(false, false, false).step("docker://alpine:3")).isEqualTo(c(ActionClass.DOCKER, "needs Docker"));
        assertThat(classifier(true, true, false).step("docker://alpine:3").actionClass()).isEqualTo(ActionClass.DOCKER);
        assertThat(classifier(false, true, false).step("docker://alpine:3").actionClass()).isEqualTo(ActionClass.LLM);
    }

    @Test
    void remoteActionsFromTheMirror() {
        UsesClassifier u = classifier(false, false, false);
        assertThat(u.step("acme/tool@v2")).isEqualTo(c(ActionClass.REMOTE, "node20, from the mirror"));
        assertThat(u.step("acme/tool/sub@v2")).isEqualTo(c(ActionClass.REMOTE, "composite, 2 steps, from the mirror"));
        assertThat(u.step("acme/image@v1")).isEqualTo(c(ActionClass.DOCKER, "needs Docker"));
        assertThat(u.step("acme/tool@v3")).isEqualTo(c(ActionClass.REMOTE, "fetched when the job runs"));
    }

    @Test
    void offlineWithoutTheActionGoesToTheLlmWhenThereIsOne() {
        assertThat(classifier(false, true, true).step("acme/tool@v3").actionClass()).isEqualTo(ActionClass.LLM);
        assertThat(classifier(false, false, true).step("acme/tool@v3"))
                .isEqualTo(c(ActionClass.REMOTE, "offline and not in the mirror or cache: will fail"));
        assertThat(classifier(false, true, true).step("acme/tool@v2").actionClass()).isEqualTo(ActionClass.REMOTE);
    }

    @Test
    void onlyInvalidValuesAreUnsupported() {
        UsesClassifier u = classifier(true, true, false);
        for (String bad : new String[] {"checkout", "actions/checkout", "${{ matrix.action }}", "acme/tool@a b", ""}) {
            assertThat(u.step(bad).actionClass()).as(bad).isEqualTo(ActionClass.UNSUPPORTED);
        }
    }

    @Test
    void reusableJobs() {
        UsesClassifier u = classifier(false, false, false);
        assertThat(u.reusableJob("./.github/workflows/build.yml")).isEqualTo(c(ActionClass.REUSABLE, "local workflow"));
        assertThat(u.reusableJob("acme/flows/.github/workflows/ci.yml@v1"))
                .isEqualTo(c(ActionClass.REUSABLE, "remote workflow"));
        assertThat(u.reusableJob("acme/flows@v1").actionClass()).isEqualTo(ActionClass.UNSUPPORTED);
    }

    @Test
    void asThePlansLabeler() {
        UsesClassifier u = classifier(false, false, false);
        assertThat(u.step(UsesRef.parse("acme/tool/sub@v2")))
                .isEqualTo(new UsesLabel("remote", "composite, 2 steps, from the mirror"));
        assertThat(u.step(UsesRef.parse("docker://alpine"))).isEqualTo(new UsesLabel("docker", "needs Docker"));
        assertThat(u.step(UsesRef.parse("./.github/actions/js"))).isEqualTo(new UsesLabel("local", "node24"));
        assertThat(u.call(UsesRef.parse("./.github/workflows/x.yml"))).isEqualTo(new UsesLabel("reusable", "local workflow"));
    }
}
