package dev.hearth.engine.job;

import dev.hearth.workflow.trigger.PatternList;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * {@code hashFiles(patterns…)}: the SHA-256 of the SHA-256 of every workspace file the patterns match
 * (in path order), or an empty string when none does. Patterns are relative to the workspace, use
 * GitHub's glob syntax and may negate with {@code !}.
 *
 * <p>It reads the workspace through the host file system, which is right for the host and bubblewrap
 * backends (their sandbox paths are host paths).
 */
final class HashFiles implements Function<List<String>, String> {
    private final Path workspace;

    HashFiles(String workspace) {
        this.workspace = Path.of(workspace);
    }

    @Override
    public String apply(List<String> patterns) {
        List<String> normalized = new ArrayList<>(patterns.size());
        for (String p : patterns) {
            String s = p.strip();
            boolean negate = s.startsWith("!");
            if (negate) {
                s = s.substring(1);
            }
            if (s.startsWith(workspace + "/")) {
                s = s.substring(workspace.toString().length() + 1);
            }
            if (s.startsWith("./")) {
                s = s.substring(2);
            }
            normalized.add(negate ? "!" + s : s);
        }
        PatternList list = PatternList.compile(normalized);
        if (!Files.isDirectory(workspace)) {
            return "";
        }
        try (Stream<Path> walk = Files.walk(workspace)) {
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(f -> list.matches(workspace.relativize(f).toString()))
                    .sorted().toList();
            if (files.isEmpty()) {
                return "";
            }
            MessageDigest all = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                all.update(sha256(f));
            }
            return HexFormat.of().formatHex(all.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("hashFiles failed: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return d.digest();
    }
}
