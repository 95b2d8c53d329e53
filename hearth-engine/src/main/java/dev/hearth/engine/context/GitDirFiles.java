package dev.hearth.engine.context;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads HEAD, its ref and the origin URL straight from a repository's files. Opening a repository with
 * JGit costs 100–170 ms on a cold JVM (its classes, and its search for the system git config, which
 * starts a {@code git} process); these few files take well under a millisecond. Anything this reader
 * does not fully understand (GIT_DIR in the environment, a reftable, config includes, a ref it cannot
 * find) makes it answer empty, and {@link RepositoryInfo} asks JGit instead.
 */
final class GitDirFiles {
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern SECTION = Pattern.compile("\\s*\\[\\s*([^\\]\\s\"]+)(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?\\s*]\\s*");

    private GitDirFiles() {
    }

    /** HEAD's commit (null when the branch has no commit yet), HEAD's ref and the origin URL. */
    record Head(String sha, String ref, String originUrl) {
    }

    /** What a folder outside any repository gives. */
    static final Head NONE = new Head(null, null, null);

    /** The repository's head, {@link #NONE} when root is in no repository, empty when unsure. */
    static Optional<Head> read(Path root) {
        if (System.getenv("GIT_DIR") != null || System.getenv("GIT_COMMON_DIR") != null
                || System.getenv("GIT_CEILING_DIRECTORIES") != null) {
            return Optional.empty();
        }
        try {
            Path start = root.toAbsolutePath().normalize();
            Path gitDir = findGitDir(start);
            if (gitDir == null) {
                return Optional.empty();
            }
            if (gitDir == NOWHERE) {
                return Optional.of(NONE);
            }
            Path common = gitDir;
            Path commonFile = gitDir.resolve("commondir");
            if (Files.isRegularFile(commonFile)) {
                common = gitDir.resolve(firstLine(commonFile)).normalize();
            }
            Config config = Config.read(common.resolve("config"));
            if (config == null) {
                return Optional.empty();
            }
            String head = firstLine(gitDir.resolve("HEAD"));
            if (head.startsWith("ref:")) {
                String ref = head.substring(4).strip();
                if (!ref.startsWith("refs/")) {
                    return Optional.empty();
                }
                Optional<String> sha = resolve(gitDir, common, ref);
                if (sha == null) {
                    return Optional.empty();
                }
                return Optional.of(new Head(sha.orElse(null), ref, config.originUrl));
            }
            return SHA.matcher(head).matches() ? Optional.of(new Head(head, null, config.originUrl)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static final Path NOWHERE = Path.of("/dev/null/no-repository");

    /**
     * The folder holding HEAD: {@code .git} in root or a parent, or where a worktree's {@code .git} file
     * points; {@link #NOWHERE} when there is none up to the file system's root; null when unsure.
     */
    private static Path findGitDir(Path start) throws IOException {
        if (Files.isRegularFile(start.resolve("HEAD")) && Files.isDirectory(start.resolve("objects"))) {
            return null; // a bare repository or a git dir itself: JGit knows those rules
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.isDirectory(dotGit)) {
                return Files.isRegularFile(dotGit.resolve("HEAD")) ? dotGit : null;
            }
            if (Files.isRegularFile(dotGit)) {
                String line = firstLine(dotGit);
                if (!line.startsWith("gitdir:")) {
                    return null;
                }
                Path target = dir.resolve(line.substring(7).strip()).normalize();
                return Files.isRegularFile(target.resolve("HEAD")) ? target : null;
            }
        }
        return NOWHERE;
    }

    /**
     * A ref's commit: Optional.empty() when the ref does not exist yet (an unborn branch), null when
     * the answer is not certain (a symbolic chain, a reftable).
     */
    private static Optional<String> resolve(Path gitDir, Path common, String ref) throws IOException {
        for (Path base : List.of(gitDir, common)) {
            Path loose = base.resolve(ref);
            if (Files.isRegularFile(loose)) {
                String line = firstLine(loose);
                return SHA.matcher(line).matches() ? Optional.of(line) : null;
            }
        }
        Path packed = common.resolve("packed-refs");
        if (Files.isRegularFile(packed)) {
            for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space > 0 && !line.startsWith("#") && !line.startsWith("^") && line.substring(space + 1).equals(ref)) {
                    String sha = line.substring(0, space);
                    return SHA.matcher(sha).matches() ? Optional.of(sha) : null;
                }
            }
        }
        return Files.isDirectory(common.resolve("reftable")) ? null : Optional.empty();
    }

    private static String firstLine(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).strip();
    }

    /** The parts of a git config this reader needs; null from {@link #read} when the file uses what it does not follow. */
    private record Config(String originUrl) {
        static Config read(Path file) throws IOException {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String section = "";
            String url = null;
            for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    var m = SECTION.matcher(line);
                    if (!m.matches()) {
                        return null;
                    }
                    String name = m.group(1).toLowerCase(Locale.ROOT);
                    section = m.group(2) == null ? name : name + "\0" + m.group(2);
                    if (name.equals("include") || name.equals("includeif") || name.startsWith("includeif.")) {
                        return null;
                    }
                    continue;
                }
                int eq = line.indexOf('=');
                String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : line.substring(eq + 1).strip();
                if (value.contains("\"") || value.contains("\\") || value.contains("#") || value.contains(";")) {
                    if (section.equals("remote\0origin") && key.equals("url")) {
                        return null; // quoting, escapes or comments: leave them to JGit
                    }
                    continue;
                }
                if (section.equals("extensions") && key.equals("refstorage") && !value.equalsIgnoreCase("files")) {
                    return null;
                }
                if (section.equals("remote\0origin") && key.equals("url")) {
                    url = value; // the last one wins, as git reads it
                }
            }
            return new Config(url);
        }
    }
}
