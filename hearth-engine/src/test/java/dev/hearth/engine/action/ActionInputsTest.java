package dev.hearth.engine.action;

import dev.hearth.actions.ActionManifest;
import dev.hearth.engine.context.Scope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ActionInputsTest {

    /** Keeps what is logged. */
    static final class Recorded implements StepLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void output(String line) {
            lines.add("output " + line);
        }

        @Override
        public void debug(String line) {
            lines.add("debug " + line);
        }

        @Override
        public void warning(String message) {
            lines.add("warning " + message);
        }

        @Override
        public void error(String message) {
            lines.add("error " + message);
        }
    }

    private static ActionManifest manifest(Map<String, ActionManifest.Input> inputs) {
        return new ActionManifest("a", null, inputs, Map.of(),
                new ActionManifest.Node("node20", "main.js", null, null, null, null), "action.yml");
    }

    @Test
    void defaultsAreEvaluatedInTheStepsScopeAndGivenValuesWin() {
        Map<String, ActionManifest.Input> declared = new LinkedHashMap<>();
        declared.put("token", new ActionManifest.Input(null, false, "${{ github.token }}", null));
        declared.put("Path", new ActionManifest.Input(null, true, null, null));
        declared.put("depth", new ActionManifest.Input(null, false, "1", null));
        Scope scope = Scope.empty().with("github", Map.of("token", "tok"));
        Recorded log = new Recorded();
        Map<String, String> inputs = ActionInputs.resolve(Map.of("depth", "0"), manifest(declared), false, scope, log);
        assertThat(inputs).containsEntry("token", "tok").containsEntry("Path", "").containsEntry("depth", "0");
        // A missing required input is not the runner's business: the action's toolkit reports it.
        assertThat(log.lines).isEmpty();
    }

    @Test
    void unknownInputsAndDeprecatedOnesAreWarnedAboutAsGitHubDoes() {
        Map<String, ActionManifest.Input> declared = new LinkedHashMap<>();
        declared.put("who", new ActionManifest.Input(null, true, null, null));
        declared.put("old", new ActionManifest.Input(null, false, null, "use who"));
        Map<String, String> given = new LinkedHashMap<>();
        given.put("WHO", "x");
        given.put("old", "y");
        given.put("extra", "z");
        given.put("more", "w");
        Recorded log = new Recorded();
        ActionInputs.resolve(given, manifest(declared), false, Scope.empty(), log);
        assertThat(log.lines).containsExactly(
                "warning Input 'old' has been deprecated with message: use who",
                "warning Unexpected input(s) 'extra', 'more', valid inputs are ['who', 'old']");

        Recorded docker = new Recorded();
        ActionInputs.resolve(Map.of("args", "a b"), manifest(declared), true, Scope.empty(), docker);
        assertThat(docker.lines).isEmpty();
    }

    @Test
    void inputVariablesFollowTheToolkitsRule() {
        assertThat(ActionInputs.variable("my input")).isEqualTo("INPUT_MY_INPUT");
        assertThat(ActionInputs.variable("who-is")).isEqualTo("INPUT_WHO-IS");
        assertThat(ActionInputs.environment(Map.of("fetch-depth", "0"))).containsExactly(Map.entry("INPUT_FETCH-DEPTH", "0"));
    }

    @Test
    void usesValuesAreTakenApart() {
        UsesRef remote = UsesRef.parse("Actions/Cache/restore@v4");
        assertThat(remote.kind()).isEqualTo(UsesRef.Kind.REMOTE);
        assertThat(remote.ownerRepoPath()).isEqualTo("actions/cache/restore");
        assertThat(remote.ref()).isEqualTo("v4");
        UsesRef local = UsesRef.parse("./.github/actions/x/");
        assertThat(local.kind()).isEqualTo(UsesRef.Kind.LOCAL);
        assertThat(local.path()).isEqualTo(".github/actions/x");
        assertThat(UsesRef.parse("docker://alpine:3").image()).isEqualTo("alpine:3");
    }

    @Test
    void prePostConditionsAreGitHubs() {
        assertThat(ActionSteps.condition(null)).isEqualTo("always()");
        assertThat(ActionSteps.condition("runner.os == 'Linux'")).isEqualTo("success() && (runner.os == 'Linux')");
        assertThat(ActionSteps.condition("${{ failure() }}")).isEqualTo("failure()");
    }

    @Test
    void dockerArgsSplitOnSpacesWithQuotesGrouping() {
        assertThat(DockerRun.words("echo \"hello world\"  x")).containsExactly("echo", "hello world", "x");
        assertThat(DockerRun.words("  ")).isEmpty();
        assertThat(DockerRun.words("a \"\" b")).containsExactly("a", "", "b");
    }
}
