package dev.hearth.workflow.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatrixExpanderTest {

    /** An ordered map from alternating keys and values. */
    private static LinkedHashMap<String, Object> map(Object... kv) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<String> names(List<LinkedHashMap<String, Object>> legs) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> leg : legs) {
            out.add(MatrixValues.legName("job", leg));
        }
        return out;
    }

    @Test
    void cartesianProductFirstKeyVariesSlowest() {
        var legs = MatrixExpander.expand(map("version", List.of(10L, 12L, 14L),
                "os", List.of("ubuntu-latest", "windows-latest")));
        assertThat(legs).containsExactly(
                map("version", 10L, "os", "ubuntu-latest"), map("version", 10L, "os", "windows-latest"),
                map("version", 12L, "os", "ubuntu-latest"), map("version", 12L, "os", "windows-latest"),
                map("version", 14L, "os", "ubuntu-latest"), map("version", 14L, "os", "windows-latest"));
    }

    @Test
    void githubsIncludeExample() {
        var legs = MatrixExpander.expand(map(
                "fruit", List.of("apple", "pear"),
                "animal", List.of("cat", "dog"),
                "include", List.of(
                        map("color", "green"),
                        map("color", "pink", "animal", "cat"),
                        map("fruit", "apple", "shape", "circle"),
                        map("fruit", "banana"),
                        map("fruit", "banana", "animal", "cat"))));
        assertThat(legs).containsExactly(
                map("fruit", "apple", "animal", "cat", "color", "pink", "shape", "circle"),
                map("fruit", "apple", "animal", "dog", "color", "green", "shape", "circle"),
                map("fruit", "pear", "animal", "cat", "color", "pink"),
                map("fruit", "pear", "animal", "dog", "color", "green"),
                map("fruit", "banana"),
                map("fruit", "banana", "animal", "cat"));
    }

    @Test
    void includeExpandsAMatchingCombination() {
        var legs = MatrixExpander.expand(map(
                "os", List.of("windows-latest", "ubuntu-latest"),
                "node", List.of(14L, 16L),
                "include", List.of(map("os", "windows-latest", "node", 16.0, "npm", 6L))));
        assertThat(legs).hasSize(4);
        assertThat(legs.get(1)).isEqualTo(map("os", "windows-latest", "node", 16L, "npm", 6L));
        assertThat(legs.get(0)).doesNotContainKey("npm");
    }

    @Test
    void includeAddsANewCombination() {
        var legs = MatrixExpander.expand(map(
                "os", List.of("windows-latest", "ubuntu-latest"),
                "node", List.of(12L, 14L, 16L),
                "include", List.of(map("os", "windows-latest", "node", 17L))));
        assertThat(legs).hasSize(7);
        assertThat(legs.get(6)).isEqualTo(map("os", "windows-latest", "node", 17L));
    }

    @Test
    void onlyInclude() {
        var legs = MatrixExpander.expand(map("include", List.of(
                map("site", "production", "datacenter", "site-a"),
                map("site", "staging", "datacenter", "site-b"))));
        assertThat(names(legs)).containsExactly("job (production, site-a)", "job (staging, site-b)");
    }

    @Test
    void excludeWithPartialEntries() {
        var legs = MatrixExpander.expand(map(
                "os", List.of("macos-latest", "windows-latest"),
                "version", List.of(12L, 14L, 16L),
                "environment", List.of("staging", "production"),
                "exclude", List.of(
                        map("os", "macos-latest", "version", 12L, "environment", "production"),
                        map("os", "windows-latest", "version", 16L))));
        assertThat(legs).hasSize(9);
        assertThat(legs).doesNotContain(map("os", "macos-latest", "version", 12L, "environment", "production"));
        assertThat(legs).noneMatch(l -> l.get("os").equals("windows-latest") && l.get("version").equals(16L));
    }

    @Test
    void excludeComparesObjectsDeeplyAndNumbersByValue() {
        var legs = MatrixExpander.expand(map(
                "cfg", List.of(map("os", "linux", "arch", "x64"), map("os", "mac", "arch", "arm64")),
                "v", List.of(1L, 2.5),
                "exclude", List.of(map("cfg", map("arch", "x64", "os", "linux"), "v", 1.0))));
        assertThat(names(legs)).containsExactly("job (linux, x64, 2.5)", "job (mac, arm64, 1)", "job (mac, arm64, 2.5)");
    }

    @Test
    void excludeRunsBeforeInclude() {
        var legs = MatrixExpander.expand(map(
                "os", List.of("a", "b"),
                "exclude", List.of(map("os", "a")),
                "include", List.of(map("os", "a", "extra", true))));
        assertThat(legs).containsExactly(map("os", "b"), map("os", "a", "extra", true));
    }

    @Test
    void laterIncludesMayOverwriteAddedValues() {
        var legs = MatrixExpander.expand(map(
                "os", List.of("a", "b"),
                "include", List.of(map("flag", "x"), map("os", "b", "flag", "y"))));
        assertThat(legs).containsExactly(map("os", "a", "flag", "x"), map("os", "b", "flag", "y"));
    }

    @Test
    void everythingExcludedGivesNoLegs() {
        assertThat(MatrixExpander.expand(map("os", List.of("a"), "exclude", List.of(map("os", "a"))))).isEmpty();
    }

    @Test
    void githubsLimits() {
        assertThatThrownBy(() -> MatrixExpander.expand(map("os", List.of())))
                .isInstanceOf(MatrixException.class).hasMessageContaining("'os' does not contain any values");
        assertThatThrownBy(() -> MatrixExpander.expand(map())).hasMessageContaining("at least one vector");
        assertThatThrownBy(() -> MatrixExpander.expand(map("os", "linux"))).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> MatrixExpander.expand(map("os", List.of("a"), "include", "x")))
                .hasMessageContaining("list of mappings");
        List<Object> sixteen = new ArrayList<>();
        List<Object> seventeen = new ArrayList<>();
        for (long i = 0; i < 17; i++) {
            seventeen.add(i);
            if (i < 16) {
                sixteen.add(i);
            }
        }
        assertThat(MatrixExpander.expand(map("a", sixteen, "b", sixteen))).hasSize(256);
        assertThatThrownBy(() -> MatrixExpander.expand(map("a", sixteen, "b", seventeen)))
                .hasMessageContaining("272 jobs").hasMessageContaining("256");
        assertThatThrownBy(() -> MatrixExpander.expand(map("a", seventeen, "b", seventeen, "c", seventeen, "d",
                seventeen))).hasMessageContaining("at most 256");
    }

    @Test
    void legNames() {
        assertThat(MatrixValues.legName("build", map("os", "ubuntu-latest", "node", 18.0)))
                .isEqualTo("build (ubuntu-latest, 18)");
        assertThat(MatrixValues.legName("build", map("on", true, "x", null, "l", List.of(1L, "b"))))
                .isEqualTo("build (true, , 1, b)");
        assertThat(MatrixValues.legName("build", map())).isEqualTo("build");
    }
}
