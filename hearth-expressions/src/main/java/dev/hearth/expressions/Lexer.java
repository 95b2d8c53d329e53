package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an expression into tokens with GitHub's rules: numbers run to the next boundary
 * character and must parse as a JavaScript number; a {@code .} starts a number unless it follows
 * something that can be dereferenced; {@code true/false/null/NaN/Infinity} are keywords except
 * right after a dot.
 */
final class Lexer {

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int start;
    private int offset;

    Lexer(String input) {
        this.input = input;
    }

    List<Token> lex() {
        if (input.length() > Limits.MAX_EXPRESSION_LENGTH) {
            throw new ExpressionException(ExpressionException.Kind.LEXING, Limits.MAX_EXPRESSION_LENGTH + 1,
                    "Exceeded max expression length " + Limits.MAX_EXPRESSION_LENGTH);
        }
        int n = input.length();
        while (offset < n) {
            start = offset;
            char c = input.charAt(offset++);
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
        tokens.add(new Token(TokenType.EOF, n, n, 0, null));
        return tokens;
    }

    private TokenType previous() {
        return tokens.isEmpty() ? TokenType.EOF : tokens.get(tokens.size() - 1).type();
    }

    private boolean match(char expected) {
        if (offset < input.length() && input.charAt(offset) == expected) {
            offset++;
            return true;
        }
        return false;
    }

    private void add(TokenType type) {
        tokens.add(new Token(type, start, offset, 0, null));
    }

    private void number() {
        int n = input.length();
        while (offset < n) {
            char c = input.charAt(offset);
            if (c != '.' && isBoundary(c)) break;
            offset++;
        }
        double value = JsNumbers.parse(input, start, offset);
        if (Double.isNaN(value)) {
            throw unexpected(input.substring(start, offset));
        }
        tokens.add(new Token(TokenType.NUMBER, start, offset, value, null));
    }

    private void string() {
        int n = input.length();
        boolean escaped = false;
        while (offset < n) {
            char c = input.charAt(offset);
            if (c == '\'') {
                if (offset + 1 < n && input.charAt(offset + 1) == '\'') {
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
        tokens.add(new Token(TokenType.STRING, start, offset, 0, value));
    }

    private void identifier() {
        int n = input.length();
        while (offset < n && !isBoundary(input.charAt(offset))) {
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
        if (!isLegalIdentifier(start, offset)) {
            throw unexpected(input.substring(start, offset));
        }
        tokens.add(new Token(type, start, offset, number, null));
    }

    private boolean isLegalIdentifier(int from, int to) {
        if (from >= to) return false;
        char first = input.charAt(from);
        if (!((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') || first == '_')) return false;
        for (int i = from + 1; i < to; i++) {
            char c = input.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private ExpressionException unexpected(String lexeme) {
        return ExpressionException.at(ExpressionException.Kind.LEXING, "Unexpected symbol", lexeme, start, input);
    }

    static boolean isBoundary(char c) {
        return switch (c) {
            case '(', '[', ')', ']', ',', '.', '!', '>', '<', '=', '&', '|' -> true;
            default -> JsNumbers.isJsWhitespace(c);
        };
    }
}
