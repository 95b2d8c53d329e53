package dev.hearth.expressions;

/**
 * The bounds every expression respects, so hostile input fails fast instead of exhausting the
 * runner. The first two are GitHub's; the memory budget is ours, sized like GitHub's server
 * (1 MiB, counting two bytes per UTF-16 character as .NET does) and charged cumulatively for every
 * string and parsed JSON an evaluation produces through format, join, toJSON and fromJSON.
 */
public final class Limits {
    private Limits() {
    }

    /** Longest expression source accepted, in characters. */
    public static final int MAX_EXPRESSION_LENGTH = 21_000;

    /** Deepest nesting the parser accepts (GitHub's way of counting). */
    public static final int MAX_DEPTH = 50;

    /** Bytes of strings/JSON one evaluation may produce, two bytes per character. */
    public static final long MAX_EVALUATION_MEMORY = 1L << 20;

    /** Deepest nesting fromJSON accepts in its input. */
    public static final int MAX_JSON_DEPTH = 512;
}
