package dev.hearth.actions.builtin.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The {@code @actions/glob} rules the built-in actions read their {@code path} inputs with. */
class PathPatternsTest {
    private static final String WS = "/w/repo";

    private static PathPatterns parse(String input) {
        return PathPatterns.parse(input, WS, () -> "/home/runner");
    }

    private static GlobPattern one(String line) {
        return GlobPattern.parse(line, WS, () -> "/home/runner");
    }

    @Test
    void relativePatternsStartAtTheWorkspaceAndTildeAtHome() {
        assertThat(one("dist").text()).isEqualTo("/w/repo/dist");
        assertThat(one("./a/../b").text()).isEqualTo("/w/repo/b");
        assertThat(one("~/.npm").text()).isEqualTo("/home/runner/.npm");
        assertThat(one("~").text()).isEqualTo("/home/runner");
        assertThat(one("/abs/path").text()).isEqualTo("/abs/path");
        assertThat(one("  # a comment")).isNull();
        assertThat(one("   ")).isNull();
    }

    @Test
    void theSearchPathIsTheLiteralPrefix() {
        assertThat(one("out/bin/").searchPath()).isEqualTo("/w/repo/out/bin");
        assertThat(one("path/**/[abc]rtifac?/*").searchPath()).isEqualTo("/w/repo/path");
        assertThat(one("out/a.txt").searchPath()).isEqualTo("/w/repo/out/a.txt");
        assertThat(one("*.log").searchPath()).isEqualTo("/w/repo");
    }

    @Test
    void nestedSearchPathsAreSearchedOnce() {
        PathPatterns patterns = parse("out/bin\nout\nother/*.txt\n!out/x\nout/bin/deep");
        assertThat(patterns.searchPaths()).containsExactly("/w/repo/out", "/w/repo/other");
    }

    @Test
    void wildcardsStayInOneSegmentAndMatchDotFiles() {
        GlobPattern star = one("src/*.js");
        assertThat(star.matches("/w/repo/src/a.js", false)).isTrue();
        assertThat(star.matches("/w/repo/src/.hidden.js", false)).isTrue();
        assertThat(star.matches("/w/repo/src/sub/a.js", false)).isFalse();
        assertThat(one("src/?.js").matches("/w/repo/src/ab.js", false)).isFalse();
        assertThat(one("src/?.js").matches("/w/repo/src/a.js", false)).isTrue();
    }

    @Test
    void globstarSpansAnyNumberOfSegments() {
        GlobPattern p = one("**/*.o");
        assertThat(p.matches("/w/repo/a.o", false)).isTrue();
        assertThat(p.matches("/w/repo/x/y/z.o", false)).isTrue();
        assertThat(p.matches("/w/repo/x/y/z.c", false)).isFalse();
        assertThat(one("build/**").matches("/w/repo/build", true)).isTrue();
    }

    @Test
    void characterClasses() {
        assertThat(one("[abc]rtifact").matches("/w/repo/artifact", false)).isTrue();
        assertThat(one("[abc]rtifact").matches("/w/repo/drtifact", false)).isFalse();
        assertThat(one("[!abc]rtifact").matches("/w/repo/drtifact", false)).isTrue();
        assertThat(one("file[0-9]").matches("/w/repo/file7", false)).isTrue();
        assertThat(one("file[0-9]").matches("/w/repo/filex", false)).isFalse();
        assertThat(one("odd[").matches("/w/repo/odd[", false)).isTrue();
    }

    @Test
    void aTrailingSlashMatchesDirectoriesOnly() {
        GlobPattern p = one("out/");
        assertThat(p.matches("/w/repo/out", true)).isTrue();
        assertThat(p.matches("/w/repo/out", false)).isFalse();
        assertThat(p.matchesWithDescendants("/w/repo/out/file", false)).isTrue();
    }

    @Test
    void namingADirectoryTakesItsContentAndLaterLinesWin() {
        PathPatterns patterns = parse("out\n!out/**/*.tmp\nout/keep.tmp");
        assertThat(patterns.selects("/w/repo/out/a/b.txt", false)).isTrue();
        assertThat(patterns.selects("/w/repo/out/a/b.tmp", false)).isFalse();
        assertThat(patterns.selects("/w/repo/out/keep.tmp", false)).isTrue();
        assertThat(patterns.selects("/w/repo/other.txt", false)).isFalse();
    }

    @Test
    void excludingADirectoryExcludesWhatIsInIt() {
        PathPatterns patterns = parse("dist\n!dist/cache");
        assertThat(patterns.selects("/w/repo/dist/app.js", false)).isTrue();
        assertThat(patterns.selects("/w/repo/dist/cache/x", false)).isFalse();
    }

    @Test
    void relativizeAndJoin() {
        assertThat(SandboxPaths.relativize("/w/job/work/repo", "/w/home/.npm")).isEqualTo("../../../home/.npm");
        assertThat(SandboxPaths.relativize("/w/repo", "/w/repo")).isEqualTo(".");
        assertThat(SandboxPaths.join("/w/job/work/repo", "../../../home/.npm")).isEqualTo("/w/home/.npm");
        assertThat(SandboxPaths.isWithin("/w/repo2", "/w/repo")).isFalse();
        assertThat(SandboxPaths.isWithin("/w/repo/a", "/w/repo")).isTrue();
    }
}
