package dev.hearth.workflow.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * One compiled filter pattern of GitHub's glob dialect (without a leading {@code !}; negation belongs
 * to {@link PatternList}). {@code *} matches any run of characters but {@code /}, {@code **} any run
 * at all, {@code **}{@code /} zero or more whole leading directories, {@code ?} makes the preceding
 * character optional, {@code +} repeats it one or more times, {@code [..]} is one character of a set
 * or range, {@code \} escapes. A pattern must match the whole input.
 *
 * <p>No java.util.regex: triggers are evaluated for every event against every workflow. The usual
 * shapes ({@code main}, {@code releases/**}, {@code v*}, {@code *.md}, {@code **.js}) are plain string
 * tests; other patterns compile to an NFA without backtracking, turned into a small DFA
 * ({@link GlobDfa}) when possible, so matching is one table lookup per character.
 */
public final class Glob {

    private static final byte CHAR = 0;      // consumes arg[s] exactly
    private static final byte CLASS = 1;     // consumes one char of classes[arg[s]]
    private static final byte NOT_SLASH = 2; // consumes any char but '/'
    private static final byte ANY = 3;       // consumes any char

    /** Common pattern shapes that need no automaton: most real filters are one of these. */
    private enum Shape {
        /** {@code main}: equality. */
        EXACT,
        /** {@code releases/**}, {@code **.js}, {@code releases/**-alpha}: a prefix and a suffix. */
        PREFIX_SUFFIX,
        /**
         * {@code **}{@code /*.md}, {@code docs/**}{@code /*.md}: a prefix and a suffix, and in between
         * anything but text whose only slash is its first character ({@code (.+/)?} needs a char before it).
         */
        PREFIX_DIRS_STAR_SUFFIX,
        /** {@code **}{@code /README.md}, {@code docs/**}{@code /a/b}: a prefix, whole directories, a suffix. */
        PREFIX_DIRS_SUFFIX,
        /** {@code **}{@code /docs/**}: a directory anywhere. */
        DIRECTORY_ANYWHERE,
        /** {@code v*}: a prefix, then no slash. */
        PREFIX_SEGMENT,
        /** {@code *.md}: no slash, then a suffix (the suffix has no slash). */
        SUFFIX_SEGMENT,
        /** Anything else: an automaton. */
        AUTOMATON
    }

    private final String pattern;
    private final Shape shape;
    // The literal parts of a shaped pattern: the prefix (or the whole text) and the suffix.
    private final String literal;
    private final String suffix;
    // For the NFA: literal text every match starts / ends with, checked first to reject cheaply.
    private final String head;
    private final String tail;
    // The NFA: state s consumes one char matching kind[s]/arg[s] and goes to next[s]; it may also
    // move without consuming to eps[s] (-1: none). Epsilon moves only go forward, so one ascending
    // pass computes a closure. The accepting state is kind.length.
    private final byte[] kind;
    private final int[] arg;
    private final int[] next;
    private final int[] eps;
    private final char[][] classes;
    private final long startSet;
    /** The same automaton as a DFA when the pattern qualifies (see {@link GlobDfa}), else null. */
    private final GlobDfa dfa;

    private Glob(String pattern, Shape shape, String literal, String suffix, byte[] kind, int[] arg, int[] next,
                 int[] eps, char[][] classes, boolean allowDfa) {
        this.pattern = pattern;
        this.shape = shape;
        this.literal = literal;
        this.suffix = suffix;
        this.head = kind == null ? "" : head(pattern);
        // a pattern without special characters is all head; its tail would count the same text twice
        this.tail = kind == null || head.length() == pattern.length() ? "" : tail(pattern);
        this.kind = kind;
        this.arg = arg;
        this.next = next;
        this.eps = eps;
        this.classes = classes;
        this.startSet = kind != null && kind.length < 64 ? closure(1L) : 0L;
        this.dfa = kind == null || !allowDfa ? null : dfa();
    }

    private GlobDfa dfa() {
        int n = kind.length;
        long[][] consumes = new long[n][2];
        boolean[] consumesOther = new boolean[n];
        for (int s = 0; s < n; s++) {
            if (kind[s] == CHAR && arg[s] >= 128) {
                return null;
            }
            if (kind[s] == CLASS) {
                char[] ranges = classes[arg[s]];
                for (int i = 1; i < ranges.length; i += 2) {
                    if (ranges[i] >= 128) {
                        return null;
                    }
                }
            }
            for (char c = 0; c < 128; c++) {
                if (consumes(s, c)) {
                    consumes[s][c >>> 6] |= 1L << (c & 63);
                }
            }
            consumesOther[s] = kind[s] == ANY || kind[s] == NOT_SLASH;
        }
        return GlobDfa.build(consumes, consumesOther, next, eps, n);
    }

    /** The pattern as written. */
    public String pattern() {
        return pattern;
    }

    @Override
    public String toString() {
        return pattern;
    }

    /**
     * Compiles a pattern.
     *
     * @throws IllegalArgumentException with a readable message when the pattern is malformed
     *                                  (an unclosed {@code [}, a bad range, a trailing {@code \})
     */
    public static Glob compile(String pattern) {
        int n = pattern.length();
        if (isPlain(pattern, 0, n)) {
            return shaped(pattern, Shape.EXACT, pattern, "");
        }
        int stars = pattern.indexOf("**");
        if (stars >= 0 && isPlain(pattern, 0, stars)) {
            String prefix = pattern.substring(0, stars);
            String rest = pattern.substring(stars + 2);
            if (!rest.startsWith("/") && isPlain(rest, 0, rest.length())) {
                return shaped(pattern, Shape.PREFIX_SUFFIX, prefix, rest);
            }
            if (rest.startsWith("/*") && !rest.startsWith("/**") && isPlain(rest, 2, rest.length())
                    && rest.indexOf('/', 2) < 0) {
                return shaped(pattern, Shape.PREFIX_DIRS_STAR_SUFFIX, prefix, rest.substring(2));
            }
            if (rest.length() > 1 && rest.startsWith("/") && isPlain(rest, 1, rest.length())) {
                return shaped(pattern, Shape.PREFIX_DIRS_SUFFIX, prefix, rest.substring(1));
            }
            if (prefix.isEmpty() && rest.length() > 4 && rest.startsWith("/") && rest.endsWith("/**")
                    && isPlain(rest, 1, rest.length() - 3)) {
                String dir = rest.substring(1, rest.length() - 3);
                return shaped(pattern, Shape.DIRECTORY_ANYWHERE, dir + "/", "/" + dir + "/");
            }
        }
        if (pattern.endsWith("*") && isPlain(pattern, 0, n - 1)) {
            return shaped(pattern, Shape.PREFIX_SEGMENT, pattern.substring(0, n - 1), "");
        }
        if (pattern.startsWith("*") && !pattern.startsWith("**") && isPlain(pattern, 1, n) && pattern.indexOf('/') < 0) {
            return shaped(pattern, Shape.SUFFIX_SEGMENT, "", pattern.substring(1));
        }
        return compileAutomaton(pattern, true);
    }

    /** The pattern as an automaton, never a shape; without the DFA when {@code allowDfa} is false. For tests. */
    static Glob compileAutomaton(String pattern, boolean allowDfa) {
        return new Compiler(pattern).compile(allowDfa);
    }

    /** The plain characters before the first special one; a char made optional by ? is not required. */
    private static String head(String p) {
        int i = 0;
        while (i < p.length() && isPlain(p, i, i + 1)) {
            i++;
        }
        if (i < p.length() && p.charAt(i) == '?' && i > 0) {
            i--;
        }
        return p.substring(0, i);
    }

    /** The plain characters after the last special one ({@code ]} included as special here). */
    private static String tail(String p) {
        int i = p.length();
        while (i > 0 && isPlain(p, i - 1, i) && p.charAt(i - 1) != ']'
                && !(p.charAt(i - 1) == '/' && i >= 3 && p.startsWith("**", i - 3))) { // **/ may match nothing
            i--;
        }
        return p.substring(i);
    }

    private static Glob shaped(String pattern, Shape shape, String literal, String suffix) {
        return new Glob(pattern, shape, literal, suffix, null, null, null, null, null, false);
    }

    private static boolean isPlain(String p, int from, int to) {
        for (int i = from; i < to; i++) {
            switch (p.charAt(i)) {
                case '*', '?', '+', '[', '\\' -> {
                    return false;
                }
                default -> { }
            }
        }
        return true;
    }

    /** Whether the whole input matches. */
    public boolean matches(String input) {
        int n = input.length();
        switch (shape) {
            case EXACT -> {
                return literal.equals(input);
            }
            case PREFIX_SUFFIX -> {
                return n >= literal.length() + suffix.length() && input.startsWith(literal) && input.endsWith(suffix);
            }
            case PREFIX_DIRS_STAR_SUFFIX -> {
                // P(.+/)?[^/]*S with no slash in S: the text X between P and S is split at its last slash,
                // which works unless that slash is X's first character
                if (n < literal.length() + suffix.length() || !input.startsWith(literal) || !input.endsWith(suffix)) {
                    return false;
                }
                int end = n - suffix.length();
                return end == literal.length() || input.lastIndexOf('/', end - 1) != literal.length();
            }
            case PREFIX_DIRS_SUFFIX -> {
                // P(.+/)?S: after P either exactly S, or at least one char and a slash before S
                int rest = n - literal.length();
                if (!input.startsWith(literal) || !input.endsWith(suffix) || rest < suffix.length()) {
                    return false;
                }
                return rest == suffix.length()
                        || rest >= suffix.length() + 2 && input.charAt(n - suffix.length() - 1) == '/';
            }
            case DIRECTORY_ANYWHERE -> {
                return input.startsWith(literal) || input.indexOf(suffix, 1) >= 0;
            }
            case PREFIX_SEGMENT -> {
                return input.startsWith(literal) && input.indexOf('/', literal.length()) < 0;
            }
            case SUFFIX_SEGMENT -> {
                return input.endsWith(suffix) && input.lastIndexOf('/', n - suffix.length() - 1) < 0;
            }
            default -> { }
        }
        if (!input.startsWith(head) || !input.endsWith(tail) || input.length() < head.length() + tail.length()) {
            return false;
        }
        if (dfa != null) {
            return dfa.matches(input);
        }
        int accept = kind.length;
        if (accept < 64) {
            return matchesSmall(input, accept);
        }
        return matchesLarge(input, accept);
    }

    private boolean matchesSmall(CharSequence input, int accept) {
        long current = startSet;
        for (int i = 0, n = input.length(); i < n && current != 0; i++) {
            char c = input.charAt(i);
            long moved = 0L;
            long bits = current & ~(1L << accept);
            while (bits != 0) {
                int s = Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (consumes(s, c)) {
                    moved |= 1L << next[s];
                }
            }
            current = closure(moved);
        }
        return (current & (1L << accept)) != 0;
    }

    private long closure(long set) {
        long bits = set;
        long result = set;
        while (bits != 0) {
            int s = Long.numberOfTrailingZeros(bits);
            bits &= bits - 1;
            if (s < eps.length && eps[s] >= 0) {
                long bit = 1L << eps[s];
                if ((result & bit) == 0) {
                    result |= bit;
                    bits |= bit; // eps[s] > s, so the ascending scan still reaches it
                }
            }
        }
        return result;
    }

    private boolean matchesLarge(CharSequence input, int accept) {
        boolean[] current = new boolean[accept + 1];
        boolean[] moved = new boolean[accept + 1];
        current[0] = true;
        closure(current);
        for (int i = 0, n = input.length(); i < n; i++) {
            char c = input.charAt(i);
            java.util.Arrays.fill(moved, false);
            boolean any = false;
            for (int s = 0; s < accept; s++) {
                if (current[s] && consumes(s, c)) {
                    moved[next[s]] = true;
                    any = true;
                }
            }
            if (!any) {
                return false;
            }
            closure(moved);
            boolean[] t = current;
            current = moved;
            moved = t;
        }
        return current[accept];
    }

    private void closure(boolean[] set) {
        for (int s = 0; s < eps.length; s++) {
            if (set[s] && eps[s] >= 0) {
                set[eps[s]] = true;
            }
        }
    }

    private boolean consumes(int s, char c) {
        return switch (kind[s]) {
            case CHAR -> c == arg[s];
            case NOT_SLASH -> c != '/';
            case ANY -> true;
            default -> inClass(classes[arg[s]], c);
        };
    }

    private static boolean inClass(char[] ranges, char c) {
        for (int i = 0; i < ranges.length; i += 2) {
            if (c >= ranges[i] && c <= ranges[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Turns the pattern text into NFA states, one atom at a time. */
    private static final class Compiler {
        private final String p;
        private final List<Byte> kinds = new ArrayList<>();
        private final List<Integer> args = new ArrayList<>();
        private final List<Integer> nexts = new ArrayList<>();
        private final List<Integer> epss = new ArrayList<>();
        private final List<char[]> classes = new ArrayList<>();
        /** The state of the last single-character atom that a following ? or + may modify, or -1. */
        private int quantifiable = -1;

        Compiler(String p) {
            this.p = p;
        }

        Glob compile(boolean allowDfa) {
            int i = 0;
            int n = p.length();
            while (i < n) {
                char c = p.charAt(i);
                switch (c) {
                    case '*' -> {
                        if (i + 1 < n && p.charAt(i + 1) == '*') {
                            if (i + 2 < n && p.charAt(i + 2) == '/') {
                                leadingDirectories();
                                i += 3;
                            } else {
                                star(ANY);
                                i += 2;
                            }
                        } else {
                            star(NOT_SLASH);
                            i++;
                        }
                        quantifiable = -1;
                    }
                    case '?', '+' -> {
                        if (quantifiable >= 0) {
                            quantify(c);
                            quantifiable = -1;
                        } else if (kinds.isEmpty()) {
                            single(CHAR, c); // nothing precedes it: a plain character
                        }
                        // after a wildcard or another quantifier it changes nothing
                        i++;
                    }
                    case '[' -> i = charClass(i);
                    case '\\' -> {
                        if (i + 1 >= n) {
                            throw new IllegalArgumentException(
                                    "pattern '" + p + "' ends with '\\' which escapes nothing");
                        }
                        single(CHAR, p.charAt(i + 1));
                        i += 2;
                    }
                    default -> {
                        single(CHAR, c);
                        i++;
                    }
                }
            }
            int size = kinds.size();
            byte[] kind = new byte[size];
            int[] arg = new int[size];
            int[] next = new int[size];
            int[] eps = new int[size];
            for (int s = 0; s < size; s++) {
                kind[s] = kinds.get(s);
                arg[s] = args.get(s);
                next[s] = nexts.get(s);
                eps[s] = epss.get(s);
            }
            return new Glob(p, Shape.AUTOMATON, null, null, kind, arg, next, eps, classes.toArray(char[][]::new),
                    allowDfa);
        }

        private int add(byte kind, int arg, int next, int eps) {
            kinds.add(kind);
            args.add(arg);
            nexts.add(next);
            epss.add(eps);
            return kinds.size() - 1;
        }

        private void single(byte kind, int arg) {
            int s = kinds.size();
            quantifiable = add(kind, arg, s + 1, -1);
        }

        private void star(byte kind) {
            int s = kinds.size();
            add(kind, 0, s, s + 1);
        }

        /** {@code **}{@code /}: nothing, or one or more characters ending with a slash. */
        private void leadingDirectories() {
            int s = kinds.size();
            add(ANY, 0, s + 1, s + 3);
            add(ANY, 0, s + 1, s + 2);
            add(CHAR, '/', s + 3, -1);
        }

        private void quantify(char q) {
            int s = quantifiable;
            if (q == '?') {
                epss.set(s, s + 1);
            } else {
                // x+ is x followed by x*
                add(kinds.get(s), args.get(s), s + 1, s + 2);
            }
        }

        private int charClass(int open) {
            int close = p.indexOf(']', open + 1);
            if (close < 0) {
                throw new IllegalArgumentException("pattern '" + p + "' has a '[' without a closing ']'");
            }
            if (close == open + 1) {
                throw new IllegalArgumentException("pattern '" + p + "' has an empty '[]'");
            }
            StringBuilder ranges = new StringBuilder();
            for (int i = open + 1; i < close; i++) {
                char lo = p.charAt(i);
                if (i + 2 < close && p.charAt(i + 1) == '-') {
                    char hi = p.charAt(i + 2);
                    if (hi < lo) {
                        throw new IllegalArgumentException(
                                "pattern '" + p + "' has a backwards range '" + lo + "-" + hi + "'");
                    }
                    ranges.append(lo).append(hi);
                    i += 2;
                } else {
                    ranges.append(lo).append(lo);
                }
            }
            classes.add(ranges.toString().toCharArray());
            single(CLASS, classes.size() - 1);
            return close + 1;
        }
    }
}
