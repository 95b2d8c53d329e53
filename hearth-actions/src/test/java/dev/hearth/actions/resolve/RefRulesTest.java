package dev.hearth.actions.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RefRulesTest {

    @Test
    void fullAndAbbreviatedShas() {
        String sha = "27fd5fb9ab234b99846c0aac4e93686e748fe964";
        assertThat(RefRules.isFullSha(sha)).isTrue();
        assertThat(RefRules.isFullSha(sha.toUpperCase())).isTrue();
        assertThat(RefRules.isFullSha(sha.substring(1))).isFalse();
        assertThat(RefRules.isFullSha(sha.replace('a', 'g'))).isFalse();
        assertThat(RefRules.mayBeShortSha(sha.substring(0, 7))).isTrue();
        assertThat(RefRules.mayBeShortSha("5")).isTrue(); // GitHub refuses even `@5` when it prefixes a commit
        assertThat(RefRules.mayBeShortSha(sha)).isFalse();
        assertThat(RefRules.mayBeShortSha("v1")).isFalse();
        assertThat(RefRules.mayBeShortSha("")).isFalse();
    }

    @Test
    void gitHubsMessage() {
        assertThat(RefRules.shortShaMessage("o/r@4356d04", "4356d04", "4356d0458ea4bfdb55fcb296437812acef970f9b"))
                .isEqualTo("Unable to resolve action `o/r@4356d04`, the provided ref `4356d04` is the shortened version "
                        + "of a commit SHA, which is not supported. Please use the full commit SHA "
                        + "`4356d0458ea4bfdb55fcb296437812acef970f9b` instead.");
    }

    @Test
    void refNames() {
        for (String ok : List.of("v1", "main", "releases/v1.2", "feature_x", "v1.0.0-beta+2", "5")) {
            assertThat(RefRules.problem(ok)).as(ok).isNull();
        }
        for (String bad : List.of("", "-x", "a..b", "a b", "a~1", "a^", "a:b", "a?", "a*", "a[", "a\\b", "/a", "a/",
                "a//b", "a.lock", "a.", ".a", "a/.b", "@", "a@{1}", "a\tb", "../../etc")) {
            assertThat(RefRules.problem(bad)).as(bad).isNotNull();
        }
    }
}
