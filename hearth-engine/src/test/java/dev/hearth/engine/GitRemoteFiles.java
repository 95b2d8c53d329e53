package dev.hearth.engine;

import dev.hearth.workflow.reusable.RemoteFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Remote files fetched with git from {@code <baseUrl>/<owner>/<repo>} (a {@code file://} URL in tests),
 * the way a runner fetches a called workflow's repository: a shallow fetch of the ref into a scratch
 * repository, then the file read from the fetched commit. Records what it was asked for.
 */
final class GitRemoteFiles implements RemoteFiles {
    private final String baseUrl;
    private final Path scratch;
    final List<String> asked = Collections.synchronizedList(new ArrayList<>());

    GitRemoteFiles(String baseUrl, Path scratch) {
        this.baseUrl = baseUrl;
        this.scratch = scratch;
    }

    @Override
    public Optional<byte[]> read(String owner, String repo, String ref, String path) throws IOException {
        asked.add(owner + "/" + repo + "/" + path + "@" + ref);
        Path dir = Files.createTempDirectory(Files.createDirectories(scratch), "fetch");
        git(dir, "init", "-q", "--bare", ".");
        Result fetch = git(dir, "fetch", "-q", "--depth", "1", baseUrl + "/" + owner + "/" + repo, ref);
        if (fetch.code() != 0) {
            if (fetch.out().contains("couldn't find remote ref") || fetch.out().contains("does not appear to be a git")) {
                return Optional.empty();
            }
            throw new IOException("git fetch " + owner + "/" + repo + "@" + ref + " failed: " + fetch.out().strip());
        }
        Result show = git(dir, "show", "FETCH_HEAD:" + path);
        return show.code() == 0 ? Optional.of(show.bytes()) : Optional.empty();
    }

    private record Result(int code, byte[] bytes) {
        String out() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Result git(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return new Result(p.exitValue(), out);
    }

    /** Makes {@code <base>/<owner>/<repo>} a git repository holding {@code files}, committed and tagged {@code tag}. */
    static void publish(Path base, String owner, String repo, String tag, java.util.Map<String, String> files)
            throws IOException {
        Path dir = Files.createDirectories(base.resolve(owner).resolve(repo));
        if (!Files.isDirectory(dir.resolve(".git"))) {
            check(git(dir, "init", "-q", "-b", "main"));
            check(git(dir, "config", "user.email", "test@example.com"));
            check(git(dir, "config", "user.name", "Test"));
        }
        for (var e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        check(git(dir, "add", "-A"));
        check(git(dir, "commit", "-q", "-m", "publish " + tag));
        check(git(dir, "tag", "-f", tag));
    }

    private static void check(Result r) throws IOException {
        if (r.code() != 0) {
            throw new IOException(r.out());
        }
    }
}
