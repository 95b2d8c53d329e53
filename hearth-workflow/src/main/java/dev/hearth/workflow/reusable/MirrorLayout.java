package dev.hearth.workflow.reusable;

import java.nio.file.Path;

/**
 * Where an offline actions mirror ({@code --actions-mirror DIR}) keeps another repository's files:
 * {@code DIR/<owner>/<repo>/<ref>/<path>}. Called workflows and actions are looked up the same way, so
 * one mirror folder serves both.
 */
public final class MirrorLayout {
    private MirrorLayout() {
    }

    /**
     * The folder of {@code owner/repo} at {@code ref} in the mirror, or null when a name is empty or
     * would lead elsewhere ({@code .}, {@code ..}, an absolute path): a {@code uses:} value must not
     * read other host files. A ref may hold slashes ({@code releases/v1}), which become folders.
     */
    public static Path repository(Path mirror, String owner, String repo, String ref) {
        if (!plainName(owner) || !plainName(repo) || !relative(ref)) {
            return null;
        }
        return mirror.resolve(owner).resolve(repo).resolve(ref);
    }

    /** {@code path} (null or empty: the folder itself) inside the repository folder, or null as above. */
    public static Path locate(Path mirror, String owner, String repo, String ref, String path) {
        Path repository = repository(mirror, owner, repo, ref);
        if (repository == null || path == null || path.isEmpty()) {
            return repository;
        }
        return relative(path) ? repository.resolve(path) : null;
    }

    private static boolean plainName(String name) {
        return relative(name) && name.indexOf('/') < 0;
    }

    /** Non-empty, not absolute, and no segment is {@code .}, {@code ..} or empty (a trailing slash aside). */
    private static boolean relative(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            return false;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }
}
