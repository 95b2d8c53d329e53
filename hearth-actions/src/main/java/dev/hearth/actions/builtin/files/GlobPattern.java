package dev.hearth.actions.builtin.files;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * One line of a multi-line path input, read as {@code @actions/glob} reads it: {@code !} in front
 * excludes, {@code ~} is {@code HOME}, a relative pattern is relative to the workspace, {@code *} and
 * {@code ?} stay within one path segment and match names starting with a dot, {@code [...]} is a
 * character class ({@code [!...]} negated), a segment {@code **} spans any number of segments, and a
 * trailing {@code /} matches directories only.
 *
 * @param negate        whether the line excludes what it matches
 * @param text          the absolute, normalized pattern, for messages
 * @param segments      the pattern's segments
 * @param directoryOnly whether the line ended with {@code /}
 * @param searchPath    the literal directory (or path) the pattern starts from: its segments before the
 *                      first one holding a wildcard
 */
public record GlobPattern(boolean negate, String text, List<Segment> segments, boolean directoryOnly,
                          String searchPath) {

    public GlobPattern {
        segments = List.copyOf(segments);
    }

    /**
     * Reads a line; null for a blank line or a {@code #} comment.
     *
     * @param workspace the absolute workspace path
     * @param home      {@code HOME}, asked for only when the line starts with {@code ~}
     */
    public static GlobPattern parse(String line, String workspace, Supplier<String> home) {
        String p = line.strip();
        if (p.isEmpty() || p.startsWith("#")) {
            return null;
        }
        boolean negate = false;
        while (p.startsWith("!")) {
            negate = !negate;
            p = p.substring(1).strip();
        }
        if (p.isEmpty()) {
            return null;
        }
        boolean directoryOnly = p.endsWith("/") && !p.equals("/");
        String absolute = SandboxPaths.resolve(p, workspace, home);
        List<Segment> segments = new ArrayList<>();
        StringBuilder search = new StringBuilder();
        boolean literalSoFar = true;
        for (String s : SandboxPaths.segments(absolute)) {
            Segment segment = Segment.of(s);
            segments.add(segment);
            if (literalSoFar && segment.literal() != null) {
                search.append('/').append(s);
            } else {
                literalSoFar = false;
            }
        }
        String searchPath = search.isEmpty() ? "/" : search.toString();
        return new GlobPattern(negate, absolute, segments, directoryOnly, searchPath);
    }

    /** Whether the pattern itself matches this path (absolute, normalized). */
    public boolean matches(String path, boolean directory) {
        if (directoryOnly && !directory) {
            return false;
        }
        return matchFrom(0, SandboxPaths.segments(path), 0);
    }

    /**
     * Whether the pattern matches this path or one of its ancestor directories: what
     * {@code @actions/glob}'s implicit descendants add, so that naming a directory takes everything in it.
     */
    public boolean matchesWithDescendants(String path, boolean directory) {
        List<String> parts = SandboxPaths.segments(path);
        if ((!directoryOnly || directory) && matchFrom(0, parts, 0)) {
            return true;
        }
        for (int end = parts.size() - 1; end >= 0; end--) {
            if (matchFrom(0, parts.subList(0, end), 0)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchFrom(int pi, List<String> path, int si) {
        if (pi == segments.size()) {
            return si == path.size();
        }
        Segment segment = segments.get(pi);
        if (segment.globstar()) {
            for (int k = si; k <= path.size(); k++) {
                if (matchFrom(pi + 1, path, k)) {
                    return true;
                }
            }
            return false;
        }
        return si < path.size() && segment.matches(path.get(si)) && matchFrom(pi + 1, path, si + 1);
    }

    /**
     * One segment of a pattern.
     *
     * @param literal  the segment when it holds no wildcard, else null
     * @param regex    the segment as a regular expression when it holds one, else null
     * @param globstar whether it is {@code **}
     */
    public record Segment(String literal, Pattern regex, boolean globstar) {

        static Segment of(String text) {
            if (text.equals("**")) {
                return new Segment(null, null, true);
            }
            String regex = toRegex(text);
            return regex == null ? new Segment(text, null, false) : new Segment(null, Pattern.compile(regex), false);
        }

        boolean matches(String name) {
            return literal != null ? literal.equals(name) : regex.matcher(name).matches();
        }

        /** The regular expression for a segment with wildcards, or null when it has none. */
        public static String toRegex(String text) {
            StringBuilder out = new StringBuilder();
            boolean wild = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '*') {
                    wild = true;
                    out.append(".*");
                } else if (c == '?') {
                    wild = true;
                    out.append('.');
                } else if (c == '[') {
                    int close = classEnd(text, i);
                    if (close < 0) {
                        out.append(Pattern.quote("["));
                        continue;
                    }
                    wild = true;
                    out.append(charClass(text.substring(i + 1, close)));
                    i = close;
                } else {
                    out.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return wild ? out.toString() : null;
        }

        /** Where the class opened at {@code open} closes; a {@code ]} right after the opening (or its negation) is literal. */
        private static int classEnd(String text, int open) {
            int i = open + 1;
            if (i < text.length() && (text.charAt(i) == '!' || text.charAt(i) == '^')) {
                i++;
            }
            if (i < text.length() && text.charAt(i) == ']') {
                i++;
            }
            return text.indexOf(']', i);
        }

        private static String charClass(String body) {
            StringBuilder out = new StringBuilder("[");
            int start = 0;
            if (!body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^')) {
                out.append('^');
                start = 1;
            }
            for (int i = start; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '-' && i > start && i < body.length() - 1) {
                    out.append('-'); // a range
                } else if (Character.isLetterOrDigit(c)) {
                    out.append(c);
                } else {
                    out.append('\\').append(c); // every other character literally, including [ ] & ^ \
                }
            }
            return out.append(']').toString();
        }
    }
}
