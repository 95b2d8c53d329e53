package dev.hearth.workflow.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobGraphTest {

    private static LinkedHashMap<String, List<String>> jobs(Object... idAndNeeds) {
        LinkedHashMap<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < idAndNeeds.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> needs = (List<String>) idAndNeeds[i + 1];
            m.put((String) idAndNeeds[i], needs);
        }
        return m;
    }

    @Test
    void levelsKeepFileOrder() {
        JobGraph g = JobGraph.of(jobs(
                "deploy", List.of("build", "test"),
                "lint", List.of(),
                "test", List.of("build"),
                "build", List.of(),
                "notify", List.of("deploy", "lint")));
        assertThat(g.levels()).containsExactly(List.of("lint", "build"), List.of("test"), List.of("deploy"),
                List.of("notify"));
        assertThat(g.order()).containsExactly("lint", "build", "test", "deploy", "notify");
        assertThat(g.level("deploy")).isEqualTo(2);
        assertThat(g.level("NOTIFY")).isEqualTo(3);
    }

    @Test
    void needsMatchCaseInsensitively() {
        JobGraph g = JobGraph.of(jobs("Build", List.of(), "test", List.of("build", "BUILD")));
        assertThat(g.needs("test")).containsExactly("Build");
        assertThat(g.canonical("build")).isEqualTo("Build");
        assertThat(g.contains("bUiLd")).isTrue();
    }

    @Test
    void transitiveDependents() {
        JobGraph g = JobGraph.of(jobs(
                "a", List.of(), "b", List.of("a"), "c", List.of("b"), "d", List.of(), "e", List.of("c", "d")));
        assertThat(g.dependents("a")).containsExactly("b", "c", "e");
        assertThat(g.dependents("d")).containsExactly("e");
        assertThat(g.dependents("e")).isEmpty();
    }

    @Test
    void unknownIdsAreNamed() {
        assertThatThrownBy(() -> JobGraph.of(jobs("a", List.of("x"), "b", List.of("a", "y"))))
                .isInstanceOf(JobGraphException.class)
                .satisfies(e -> assertThat(((JobGraphException) e).problems()).containsExactly(
                        "job 'a' needs 'x', which is not a job of this workflow",
                        "job 'b' needs 'y', which is not a job of this workflow"));
    }

    @Test
    void cyclesAreNamed() {
        assertThatThrownBy(() -> JobGraph.of(jobs(
                "start", List.of(), "a", List.of("c", "start"), "b", List.of("a"), "c", List.of("b"),
                "after", List.of("a"))))
                .hasMessage("the jobs' needs form a cycle: 'a' needs 'c' needs 'b' needs 'a'");
        assertThatThrownBy(() -> JobGraph.of(jobs("self", List.of("self"))))
                .hasMessage("the jobs' needs form a cycle: 'self' needs 'self'");
    }

    @Test
    void idsDifferingOnlyInCase() {
        assertThatThrownBy(() -> JobGraph.of(jobs("build", List.of(), "Build", List.of())))
                .hasMessageContaining("differ only in case");
    }

    @Test
    void emptyWorkflow() {
        assertThat(JobGraph.of(jobs()).levels()).isEmpty();
    }
}
