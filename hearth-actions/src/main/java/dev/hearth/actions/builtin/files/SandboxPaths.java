package dev.hearth.actions.builtin.files;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Paths inside a sandbox: POSIX, absolute, {@code /}-separated strings, whatever the host is. The
 * built-in actions resolve their path inputs here the way the real actions do: {@code ~} is the
 * sandbox's {@code HOME}, a relative path is relative to {@code GITHUB_WORKSPACE}.
 */
public final class SandboxPaths {
    private SandboxPaths() {
    }

    /**
     * An input path made absolute and normalized.
     *
     * @param input     as written (trimmed by the caller), may start with {@code ~}
     * @param workspace the absolute workspace path
     * @param home      the absolute {@code HOME}, consulted only for {@code ~}
     */
    public static String resolve(String input, String workspace, java.util.function.Supplier<String> home) {
        String path = input;
        if (path.equals("~") || path.startsWith("~/")) {
            path = home.get() + path.substring(1);
        }
        if (!path.startsWith("/")) {
            path = workspace + "/" + path;
        }
        return normalize(path);
    }

    /** Removes empty and {@code .} segments and applies {@code ..}; the result is absolute, without a trailing slash. */
    public static String normalize(String absolute) {
        Deque<String> kept = new ArrayDeque<>();
        for (String segment : absolute.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                kept.pollLast();
            } else {
                kept.addLast(segment);
            }
        }
        return kept.isEmpty() ? "/" : "/" + String.join("/", kept);
    }

    /** The segments of a normalized absolute path; none for {@code /}. */
    public static List<String> segments(String absolute) {
        List<String> out = new ArrayList<>();
        for (String segment : absolute.split("/")) {
            if (!segment.isEmpty()) {
                out.add(segment);
            }
        }
        return out;
    }

    /** Whether {@code path} is {@code ancestor} or lies below it (both normalized). */
    public static boolean isWithin(String path, String ancestor) {
        if (ancestor.equals("/")) {
            return true;
        }
        return path.equals(ancestor) || path.startsWith(ancestor + "/");
    }

    /** {@code path} relative to {@code from} (both normalized), with {@code ..} where needed; {@code .} when equal. */
    public static String relativize(String from, String path) {
        List<String> a = segments(from);
        List<String> b = segments(path);
        int common = 0;
        while (common < a.size() && common < b.size() && a.get(common).equals(b.get(common))) {
            common++;
        }
        List<String> out = new ArrayList<>();
        for (int i = common; i < a.size(); i++) {
            out.add("..");
        }
        out.addAll(b.subList(common, b.size()));
        return out.isEmpty() ? "." : String.join("/", out);
    }

    /** The parent of a normalized absolute path ({@code /} for a top-level one and for {@code /}). */
    public static String parent(String absolute) {
        int slash = absolute.lastIndexOf('/');
        return slash <= 0 ? "/" : absolute.substring(0, slash);
    }

    /** {@code relative} (with {@code /} separators) appended to an absolute path. */
    public static String join(String absolute, String relative) {
        if (relative.isEmpty() || relative.equals(".")) {
            return absolute;
        }
        return normalize(absolute + "/" + relative);
    }
}
