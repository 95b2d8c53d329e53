package dev.hearth.expressions;

/** The kinds of token the lexer produces. */
enum TokenType {
    LEFT_PAREN, RIGHT_PAREN, LEFT_BRACKET, RIGHT_BRACKET, COMMA, DOT, BANG, BANG_EQUAL, EQUAL_EQUAL,
    GREATER, GREATER_EQUAL, LESS, LESS_EQUAL, AND, OR, STAR, NUMBER, STRING, IDENTIFIER, TRUE, FALSE,
    NULL, EOF
}
