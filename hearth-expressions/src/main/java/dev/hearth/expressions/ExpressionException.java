package dev.hearth.expressions;

/**
 * A problem with an expression: it could not be lexed, parsed or evaluated. Unchecked so the
 * recursive parser and evaluator can unwind from any depth; callers at the edges turn it into
 * a value (a diagnostic, a JSON error line).
 */
public final class ExpressionException extends RuntimeException {

    /** The phase that found the problem. */
    public enum Kind {
        LEXING, PARSING, EVALUATION;

        /** The lower-case name used in JSON output: {@code lexing}, {@code parsing}, {@code evaluation}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Kind kind;
    private final int position;

    /**
     * @param position 1-based character position within the expression, or 0 when the problem
     *                 has no single location (e.g. a memory budget)
     */
    public ExpressionException(Kind kind, int position, String message) {
        super(message, null, false, false); // no stack trace: these are expected, frequent and cheap
        this.kind = kind;
        this.position = position;
    }

    public Kind kind() {
        return kind;
    }

    /** 1-based position within the expression source, 0 when not tied to one place. */
    public int position() {
        return position;
    }

    static ExpressionException at(Kind kind, String what, String symbol, int offset, String source) {
        return new ExpressionException(kind, offset + 1,
                what + ": '" + symbol + "'. Located at position " + (offset + 1) + " within expression: " + source);
    }

    static ExpressionException evaluation(String message) {
        return new ExpressionException(Kind.EVALUATION, 0, message);
    }
}
