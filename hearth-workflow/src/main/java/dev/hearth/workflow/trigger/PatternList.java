package dev.hearth.workflow.trigger;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An ordered list of filter patterns where a leading {@code !} negates: the last pattern that matches
 * a value decides, so {@code ['*.md', '!README.md', 'README*']} accepts {@code README.md} again. A
 * value no pattern matches is not accepted.
 */
public final class PatternList {

    private static final ConcurrentHashMap<List<String>, PatternList> CACHE = new ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 4096;

    private final List<String> patterns;
    private final Glob[] globs;
    private final boolean[] negated;

    private PatternList(List<String> patterns) {
        this.patterns = List.copyOf(patterns);
        this.globs = new Glob[patterns.size()];
        this.negated = new boolean[patterns.size()];
        for (int i = 0; i < globs.length; i++) {
            String p = patterns.get(i);
            negated[i] = p.startsWith("!");
            globs[i] = Glob.compile(negated[i] ? p.substring(1) : p);
        }
    }

    /**
     * Compiles the patterns.
     *
     * @throws IllegalArgumentException when one of them is malformed
     */
    public static PatternList compile(List<String> patterns) {
        return new PatternList(patterns);
    }

    /** Like {@link #compile} but reuses an earlier compilation of an equal list. */
    public static PatternList cached(List<String> patterns) {
        PatternList hit = CACHE.get(patterns);
        if (hit != null) {
            return hit;
        }
        PatternList made = new PatternList(patterns);
        if (CACHE.size() < CACHE_LIMIT) {
            CACHE.putIfAbsent(made.patterns, made);
        }
        return made;
    }

    /** The patterns as written, {@code !} included. */
    public List<String> patterns() {
        return patterns;
    }

    /** Whether the last pattern matching the value is a positive one. */
    public boolean matches(String value) {
        for (int i = globs.length - 1; i >= 0; i--) {
            if (globs[i].matches(value)) {
                return !negated[i];
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return patterns.toString();
    }
}
