package dev.hearth.expressions;

import java.util.Arrays;

/**
 * Splits an expression into tokens with GitHub's rules: numbers run to the next boundary
 * character and must parse as a JavaScript number; a {@code .} starts a number unless it follows
 * something that can be dereferenced; {@code true/false/null/NaN/Infinity} are keywords except
 * right after a dot.
 */
final class Lexer {

    private static final byte BOUNDARY = 1;
    private static final byte IDENTIFIER_START = 2;
    private static final byte IDENTIFIER_PART = 4;
    /** Character classes of ASCII characters; the lexer's inner loops only consult this table. */
    private static final byte[] ASCII = new byte[128];

    static {
        for (char c : "([)],.!><=&|".toCharArray()) ASCII[c] = BOUNDARY;
        for (char c = 0; c < 128; c++) {
            if (JsNumbers.isJsWhitespace(c)) ASCII[c] = BOUNDARY;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') ASCII[c] = IDENTIFIER_START | IDENTIFIER_PART;
            if ((c >= '0' && c <= '9') || c == '-') ASCII[c] = IDENTIFIER_PART;
        }
    }

    private final String input;
    private final char[] chars;
    private Token[] tokens = new Token[16];
    private int count;
    private int start;
    private int offset;

    Lexer(String input) {
        this.input = input;
        this.chars = input.length() > Limits.MAX_EXPRESSION_LENGTH ? new char[0] : input.toCharArray();
    }

    /** The tokens, ending with an EOF token; the array may be longer than the tokens. */
    Token[] lex() {
        if (input.length() > Limits.MAX_EXPRESSION_LENGTH) {
            throw new ExpressionException(ExpressionException.Kind.LEXING, Limits.MAX_EXPRESSION_LENGTH + 1,
                    "Exceeded max expression length " + Limits.MAX_EXPRESSION_LENGTH);
        }
        char[] chars = this.chars;
        int n = chars.length;
        while (offset < n) {
            start = offset;
            char c = chars[offset++];
            switch (c) {
                case '(' -> add(TokenType.LEFT_PAREN);
                case ')' -> add(TokenType.RIGHT_PAREN);
                case '[' -> add(TokenType.LEFT_BRACKET);
                case ']' -> add(TokenType.RIGHT_BRACKET);
                case ',' -> add(TokenType.COMMA);
                case '.' -> {
                    TokenType p = previous();
                    if (p == TokenType.IDENTIFIER || p == TokenType.RIGHT_BRACKET
                            || p == TokenType.RIGHT_PAREN || p == TokenType.STAR) {
                        add(TokenType.DOT);
                    } else {
                        number();
                    }
                }
                case '-', '+' -> number();
                case '!' -> add(match('=') ? TokenType.BANG_EQUAL : TokenType.BANG);
                case '=' -> {
                    if (match('=')) add(TokenType.EQUAL_EQUAL);
                    else identifier(); // illegal: read to a boundary and report the whole run
                }
                case '<' -> add(match('=') ? TokenType.LESS_EQUAL : TokenType.LESS);
                case '>' -> add(match('=') ? TokenType.GREATER_EQUAL : TokenType.GREATER);
                case '&' -> {
                    if (match('&')) add(TokenType.AND);
                    else identifier();
                }
                case '|' -> {
                    if (match('|')) add(TokenType.OR);
                    else identifier();
                }
                case '*' -> add(TokenType.STAR);
                case ' ', '\r', '\t', '\n' -> {
                }
                case '\'' -> string();
                default -> {
                    if (c >= '0' && c <= '9') number();
                    else identifier();
                }
            }
        }
        push(new Token(TokenType.EOF, n, n, 0, null));
        return tokens;
    }

    private void push(Token t) {
        if (count == tokens.length) tokens = Arrays.copyOf(tokens, count * 2);
        tokens[count++] = t;
    }

    private TokenType previous() {
        return count == 0 ? TokenType.EOF : tokens[count - 1].type();
    }

    private boolean match(char expected) {
        if (offset < chars.length && chars[offset] == expected) {
            offset++;
            return true;
        }
        return false;
    }

    private void add(TokenType type) {
        push(new Token(type, start, offset, 0, null));
    }

    private void number() {
        char[] chars = this.chars;
        int n = chars.length;
        while (offset < n) {
            char c = chars[offset];
            if (c != '.' && isBoundary(c)) break;
            offset++;
        }
        double value = JsNumbers.parse(input, start, offset);
        if (Double.isNaN(value)) {
            throw unexpected(input.substring(start, offset));
        }
        push(new Token(TokenType.NUMBER, start, offset, value, null));
    }

    private void string() {
        char[] chars = this.chars;
        int n = chars.length;
        boolean escaped = false;
        while (offset < n) {
            char c = chars[offset];
            if (c == '\'') {
                if (offset + 1 < n && chars[offset + 1] == '\'') {
                    escaped = true;
                    offset += 2;
                    continue;
                }
                break;
            }
            offset++;
        }
        if (offset >= n) {
            throw unexpected(input.substring(start));
        }
        offset++; // closing quote
        String value = input.substring(start + 1, offset - 1);
        if (escaped) value = value.replace("''", "'");
        push(new Token(TokenType.STRING, start, offset, 0, value));
    }

    private void identifier() {
        char[] chars = this.chars;
        int n = chars.length;
        // The caller consumed the first character, which is part of the lexeme even when it is a boundary.
        boolean legal = isIdentifierStart(chars[start]);
        while (offset < n) {
            char c = chars[offset];
            if (c < 128) {
                byte cls = ASCII[c];
                if ((cls & BOUNDARY) != 0) break;
                if ((cls & IDENTIFIER_PART) == 0) legal = false;
            } else {
                if (JsNumbers.isJsWhitespace(c)) break;
                legal = false;
            }
            offset++;
        }
        TokenType type = TokenType.IDENTIFIER;
        double number = 0;
        if (previous() != TokenType.DOT) {
            int len = offset - start;
            if (len == 4 && input.startsWith("true", start)) type = TokenType.TRUE;
            else if (len == 5 && input.startsWith("false", start)) type = TokenType.FALSE;
            else if (len == 4 && input.startsWith("null", start)) type = TokenType.NULL;
            else if (len == 3 && input.startsWith("NaN", start)) {
                type = TokenType.NUMBER;
                number = Double.NaN;
            } else if (len == 8 && input.startsWith("Infinity", start)) {
                type = TokenType.NUMBER;
                number = Double.POSITIVE_INFINITY;
            }
        }
        if (!legal) {
            throw unexpected(input.substring(start, offset));
        }
        push(new Token(type, start, offset, number, null));
    }

    private static boolean isIdentifierStart(char c) {
        return c < 128 && (ASCII[c] & IDENTIFIER_START) != 0;
    }

    private ExpressionException unexpected(String lexeme) {
        return ExpressionException.at(ExpressionException.Kind.LEXING, "Unexpected symbol", lexeme, start, input);
    }

    static boolean isBoundary(char c) {
        return c < 128 ? (ASCII[c] & BOUNDARY) != 0 : JsNumbers.isJsWhitespace(c);
    }
}
