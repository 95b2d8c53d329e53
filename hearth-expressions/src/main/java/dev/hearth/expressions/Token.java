package dev.hearth.expressions;

/**
 * One lexed token. {@code start}/{@code end} are offsets into the source; {@code number} and
 * {@code text} carry the literal value of number and string tokens.
 */
record Token(TokenType type, int start, int end, double number, String text) {

    /** The token as GitHub quotes it in error messages. */
    String describe(String source) {
        return switch (type) {
            case EOF -> "EOF";
            case STRING -> text;
            default -> source.substring(start, end);
        };
    }
}
