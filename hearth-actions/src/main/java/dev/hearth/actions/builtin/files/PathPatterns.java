package dev.hearth.actions.builtin.files;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The lines of a multi-line {@code path} input, in order. A path is selected when the last line that
 * matches it (or one of its ancestors: naming a directory takes what is in it) is an include line, so
 * {@code !} lines exclude from what earlier lines took and a later line can take back.
 *
 * @param patterns every line that is not blank or a comment
 */
public record PathPatterns(List<GlobPattern> patterns) {

    public PathPatterns {
        patterns = List.copyOf(patterns);
    }

    /** Reads a multi-line input. */
    public static PathPatterns parse(String input, String workspace, Supplier<String> home) {
        List<GlobPattern> out = new ArrayList<>();
        for (String line : input.split("\n")) {
            GlobPattern p = GlobPattern.parse(line, workspace, home);
            if (p != null) {
                out.add(p);
            }
        }
        return new PathPatterns(out);
    }

    /** Whether there is at least one include line. */
    public boolean hasIncludes() {
        return patterns.stream().anyMatch(p -> !p.negate());
    }

    /**
     * Where a search starts: the search path of every include line, leaving out those that lie inside
     * another one, in the order of the lines.
     */
    public List<String> searchPaths() {
        List<String> all = patterns.stream().filter(p -> !p.negate()).map(GlobPattern::searchPath).distinct().toList();
        List<String> out = new ArrayList<>();
        for (String candidate : all) {
            boolean inside = all.stream().anyMatch(other -> !other.equals(candidate) && SandboxPaths.isWithin(candidate, other));
            if (!inside) {
                out.add(candidate);
            }
        }
        return out;
    }

    /** Whether a path (absolute, normalized) is selected. */
    public boolean selects(String path, boolean directory) {
        boolean selected = false;
        for (GlobPattern p : patterns) {
            if (p.negate() == selected && p.matchesWithDescendants(path, directory)) {
                selected = !p.negate();
            }
        }
        return selected;
    }
}
