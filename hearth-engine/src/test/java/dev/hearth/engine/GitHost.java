package dev.hearth.engine;

import dev.hearth.actions.resolve.ActionSources;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A git host made by a test: {@code <root>/<owner>/<repo>} are real git repositories, served to Hearth's
 * resolver through a {@code file://} base URL.
 */
final class GitHost {
    private final Path root;

    GitHost(Path root) throws IOException {
        this.root = Files.createDirectories(root);
    }

    /** The working folder of {@code owner/repo}, where a test writes the action's files. */
    Path repo(String ownerRepo) throws IOException {
        return Files.createDirectories(root.resolve(ownerRepo));
    }

    /** Commits what is in {@code owner/repo}, tags it, and returns the commit's SHA. */
    String publish(String ownerRepo, String tag) throws IOException, InterruptedException {
        Path repo = repo(ownerRepo);
        if (!Files.isDirectory(repo.resolve(".git"))) {
            git(repo, "init", "-q", "-b", "main");
            git(repo, "config", "user.email", "actions@example.com");
            git(repo, "config", "user.name", "Actions");
        }
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "--allow-empty", "-m", "release " + tag);
        git(repo, "tag", "-f", tag);
        return git(repo, "rev-parse", "HEAD").strip();
    }

    /** This host as the place actions are fetched from, with a cache folder. */
    ActionSources sources(Path cache) {
        return new ActionSources("file://" + root, cache, null, false, null);
    }

    private static String git(Path repo, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
