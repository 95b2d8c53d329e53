package dev.hearth.workflow.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    // The "Filter pattern cheat sheet" of GitHub's workflow syntax docs, branches and tags.
    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = '|', value = {
        "feature/*            | feature/my-branch",
        "feature/*            | feature/your-branch",
        "feature/**           | feature/beta-a/my-branch",
        "feature/**           | feature/your-branch",
        "feature/**           | feature/mona/the/octocat",
        "main                 | main",
        "releases/mona-the-octocat | releases/mona-the-octocat",
        "*                    | main",
        "*                    | releases",
        "**                   | all/the/branches",
        "**                   | every/tag",
        "*feature             | mona-feature",
        "*feature             | feature",
        "*feature             | ver-10-feature",
        "v2*                  | v2",
        "v2*                  | v2.0",
        "v2*                  | v2.9",
        "v[12].[0-9]+.[0-9]+  | v1.10.1",
        "v[12].[0-9]+.[0-9]+  | v2.0.0",
        // paths
        "*                    | README.md",
        "*                    | server.rb",
        "*.jsx?               | page.js",
        "*.jsx?               | page.jsx",
        "**                   | all/the/files.md",
        "*.js                 | app.js",
        "*.js                 | index.js",
        "**.js                | index.js",
        "**.js                | js/index.js",
        "**.js                | src/js/app.js",
        "docs/*               | docs/README.md",
        "docs/*               | docs/file.txt",
        "docs/**              | docs/README.md",
        "docs/**              | docs/mona/octocat.txt",
        "docs/**/*.md         | docs/README.md",
        "docs/**/*.md         | docs/mona/hello-world.md",
        "docs/**/*.md         | docs/a/markdown/file.md",
        "**/docs/**           | docs/hello.md",
        "**/docs/**           | dir/docs/my-file.txt",
        "**/docs/**           | space/docs/plan/space.doc",
        "**/README.md         | README.md",
        "**/README.md         | js/README.md",
        "**/*src/**           | a/src/app.js",
        "**/*src/**           | my-src/code/js/app.js",
        "**/*-post.md         | my-post.md",
        "**/*-post.md         | path/their-post.md",
        "**/migrate-*.sql     | migrate-10909.sql",
        "**/migrate-*.sql     | db/migrate-v1.0.sql",
        "**/migrate-*.sql     | db/sept/migrate-v1.sql",
        "Octoc?t              | Octoct",
        "Octoca?t             | Octocat",
        "Octoca?t             | Octoct",
        "[CB]at               | Cat",
        "[CB]at               | Bat",
        "[1-2]00              | 100",
        "[1-2]00              | 200",
        "a+b                  | aaab",
        "release/v1\\+build   | release/v1+build",
        "\\*                  | *",
        "+x                   | +x",
        "ab?c                 | ac",
        "a*a                  | aa",
        "x\\*y              | x*y",
        "**/a/b               | a/b",
        "*.md                 | .md",
        "feature/*            | feature/",
    })
    void matches(String pattern, String input) {
        assertThat(Glob.compile(pattern).matches(input)).isTrue();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = '|', value = {
        "feature/*            | feature/a/b",
        "feature/*            | feature",
        "*                    | releases/x",
        "*.js                 | js/index.js",
        "*.jsx?               | page.jsxx",
        "docs/*               | docs/mona/octocat.txt",
        "docs/**/*.md         | docs/a/file.txt",
        "docs/**/*.md         | other/README.md",
        "**/README.md         | js/README.mdx",
        "**/README.md         | xREADME.md",
        "v[12].[0-9]+.[0-9]+  | v3.0.0",
        "v[12].[0-9]+.[0-9]+  | v1..1",
        "v[12].[0-9]+.[0-9]+  | v1.a.1",
        "[CB]at               | Rat",
        "a+b                  | b",
        "main                 | Main",
        "main                 | main2",
        "release/v1\\+build   | release/v1build",
        "\\*                  | x",
        "v2*                  | v3",
        "feature/**           | feature",
        "a*a                  | a",
        "*.md                 | a/b.md",
        "v*                   | v1/x",
        "**/a/b               | xa/b",
    })
    void doesNotMatch(String pattern, String input) {
        assertThat(Glob.compile(pattern).matches(input)).isFalse();
    }

    @Test
    void longPatternsUseTheGeneralPath() {
        String pattern = "a/".repeat(40) + "*.txt";
        Glob glob = Glob.compile(pattern);
        assertThat(glob.matches("a/".repeat(40) + "x.txt")).isTrue();
        assertThat(glob.matches("a/".repeat(39) + "x.txt")).isFalse();
        assertThat(Glob.compile("**/" + "x?".repeat(40)).matches("d/" + "x".repeat(40))).isTrue();
    }

    @Test
    void noCatastrophicBacktracking() {
        Glob glob = Glob.compile("**a**a**a**a**a**a**a**b");
        assertThat(glob.matches("a".repeat(5000))).isFalse();
    }

    @Test
    void malformedPatternsAreRefused() {
        assertThatThrownBy(() -> Glob.compile("v[12")).hasMessageContaining("closing ']'");
        assertThatThrownBy(() -> Glob.compile("x\\")).hasMessageContaining("escapes nothing");
        assertThatThrownBy(() -> Glob.compile("[z-a]")).hasMessageContaining("backwards range");
    }

    @Test
    void laterPatternsOverrideEarlierOnes() {
        PatternList list = PatternList.compile(List.of("*.md", "!README.md"));
        assertThat(list.matches("hello.md")).isTrue();
        assertThat(list.matches("README.md")).isFalse();
        assertThat(list.matches("docs/hello.md")).isFalse();

        PatternList again = PatternList.compile(List.of("*.md", "!README.md", "README*"));
        assertThat(again.matches("hello.md")).isTrue();
        assertThat(again.matches("README.md")).isTrue();
        assertThat(again.matches("README.doc")).isTrue();

        PatternList branches = PatternList.compile(List.of("main", "releases/**", "!releases/**-alpha"));
        assertThat(branches.matches("releases/10")).isTrue();
        assertThat(branches.matches("releases/10-alpha")).isFalse();
        assertThat(branches.matches("main")).isTrue();
        assertThat(PatternList.cached(List.of("main")).matches("main")).isTrue();
        assertThat(PatternList.cached(List.of("main"))).isSameAs(PatternList.cached(List.of("main")));
    }
}
