package dev.hearth.engine.context;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The plain file reader must give JGit's answer on every repository shape it claims to understand. */
class RepositoryInfoTest {
    @TempDir
    Path tmp;
    Path repo;

    @BeforeEach
    void init() throws Exception {
        repo = tmp.resolve("proj");
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.email=t@e", "-c", "user.name=t", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }

    private void commit(String name) throws Exception {
        Files.writeString(repo.resolve(name), name);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "-m", name);
    }

    private void assertSameAsJGit(Path root, RepositoryInfo expected) {
        RepositoryInfo plain = RepositoryInfo.read(root);
        assertThat(plain).isEqualTo(RepositoryInfo.readWithJGit(root)).isEqualTo(expected);
        assertThat(GitDirFiles.read(root)).as("answered without JGit").isPresent();
    }

    @Test
    void unbornBranch() {
        assertSameAsJGit(repo, new RepositoryInfo(null, "refs/heads/main", "local/proj"));
    }

    @Test
    void branchWithOriginOverHttpsAndScp() throws Exception {
        commit("a");
        String sha = git(repo, "rev-parse", "HEAD");
        git(repo, "remote", "add", "origin", "https://github.com/octo/hello.git");
        assertSameAsJGit(repo, new RepositoryInfo(sha, "refs/heads/main", "octo/hello"));
        git(repo, "remote", "set-url", "origin", "git@github.com:octo/other");
        assertSameAsJGit(repo.resolve("."), new RepositoryInfo(sha, "refs/heads/main", "octo/other"));
    }

    @Test
    void packedRefsDetachedHeadAndSubfolders() throws Exception {
        commit("a");
        commit("b");
        git(repo, "pack-refs", "--all");
        String sha = git(repo, "rev-parse", "HEAD");
        assertThat(repo.resolve(".git/refs/heads/main")).doesNotExist();
        Files.createDirectories(repo.resolve("sub/dir"));
        assertSameAsJGit(repo.resolve("sub/dir"), new RepositoryInfo(sha, "refs/heads/main", "local/dir"));
        String first = git(repo, "rev-parse", "HEAD~1");
        git(repo, "checkout", "-q", "--detach", first);
        assertSameAsJGit(repo, new RepositoryInfo(first, null, "local/proj"));
    }

    @Test
    void worktreeReadsItsOwnHeadAndTheCommonConfig() throws Exception {
        commit("a");
        git(repo, "remote", "add", "origin", "https://example.com/team/app");
        Path wt = tmp.resolve("wt");
        git(repo, "worktree", "add", "-q", "-b", "feature", wt.toString());
        Files.writeString(wt.resolve("f"), "f");
        git(wt, "add", "-A");
        git(wt, "commit", "-q", "-m", "f");
        String sha = git(wt, "rev-parse", "HEAD");
        assertSameAsJGit(wt, new RepositoryInfo(sha, "refs/heads/feature", "team/app"));
    }

    @Test
    void outsideAnyRepository() throws Exception {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        // tmp itself may sit inside a repository on some machines; only assert when it does not
        if (RepositoryInfo.readWithJGit(plain).sha() == null && GitDirFiles.read(plain).orElse(null) == GitDirFiles.NONE) {
            assertThat(RepositoryInfo.read(plain)).isEqualTo(new RepositoryInfo(null, null, "local/plain"));
        }
        assertThat(RepositoryInfo.read(plain)).isEqualTo(RepositoryInfo.readWithJGit(plain));
    }

    @Test
    void configIncludesAreLeftToJGit() throws Exception {
        commit("a");
        Files.writeString(repo.resolve(".git/config"), "[include]\n\tpath = other\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(GitDirFiles.read(repo)).isEmpty();
        assertThat(RepositoryInfo.read(repo).sha()).isEqualTo(git(repo, "rev-parse", "HEAD"));
    }
}
