package dev.hearth.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class LexerTest {

    private static List<TokenType> types(String s) {
        return Arrays.stream(new Lexer(s).lex()).filter(Objects::nonNull).map(Token::type).toList();
    }

    @Test
    void operatorsAndPunctuation() {
        assertThat(types("( ) [ ] , ! != == < <= > >= && || *")).containsExactly(
                TokenType.LEFT_PAREN, TokenType.RIGHT_PAREN, TokenType.LEFT_BRACKET, TokenType.RIGHT_BRACKET,
                TokenType.COMMA, TokenType.BANG, TokenType.BANG_EQUAL, TokenType.EQUAL_EQUAL, TokenType.LESS,
                TokenType.LESS_EQUAL, TokenType.GREATER, TokenType.GREATER_EQUAL, TokenType.AND, TokenType.OR,
                TokenType.STAR, TokenType.EOF);
    }

    @Test
    void dotIsAPropertyAccessOnlyAfterSomethingDereferenceable() {
        assertThat(types("a.b")).containsExactly(TokenType.IDENTIFIER, TokenType.DOT, TokenType.IDENTIFIER, TokenType.EOF);
        assertThat(types("a[0].b")).contains(TokenType.DOT);
        assertThat(types(".5")).containsExactly(TokenType.NUMBER, TokenType.EOF);
        assertThat(types("a[.5]")).containsExactly(TokenType.IDENTIFIER, TokenType.LEFT_BRACKET, TokenType.NUMBER,
                TokenType.RIGHT_BRACKET, TokenType.EOF);
    }

    @Test
    void keywordsAreIdentifiersAfterADot() {
        assertThat(types("true false null NaN Infinity")).containsExactly(TokenType.TRUE, TokenType.FALSE,
                TokenType.NULL, TokenType.NUMBER, TokenType.NUMBER, TokenType.EOF);
        assertThat(types("a.true")).containsExactly(TokenType.IDENTIFIER, TokenType.DOT, TokenType.IDENTIFIER, TokenType.EOF);
        assertThat(types("TRUE")).containsExactly(TokenType.IDENTIFIER, TokenType.EOF);
    }

    @Test
    void numbers() {
        assertThat(new Lexer("0xff").lex()[0].number()).isEqualTo(255);
        assertThat(new Lexer("0o17").lex()[0].number()).isEqualTo(15);
        assertThat(new Lexer("-1.5e2").lex()[0].number()).isEqualTo(-150);
        assertThat(new Lexer("+.5").lex()[0].number()).isEqualTo(0.5);
        assertThat(new Lexer("-Infinity").lex()[0].number()).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void stringsDoubleTheirQuotes() {
        Token t = new Lexer("'it''s ''quoted'''").lex()[0];
        assertThat(t.type()).isEqualTo(TokenType.STRING);
        assertThat(t.text()).isEqualTo("it's 'quoted'");
    }

    @Test
    void errorsNameTheSymbolAndItsPosition() {
        assertThatThrownBy(() -> new Lexer("1 @abc 2").lex())
                .isInstanceOf(ExpressionException.class)
                .hasMessage("Unexpected symbol: '@abc'. Located at position 3 within expression: 1 @abc 2")
                .satisfies(e -> {
                    assertThat(((ExpressionException) e).kind()).isEqualTo(ExpressionException.Kind.LEXING);
                    assertThat(((ExpressionException) e).position()).isEqualTo(3);
                });
        assertThatThrownBy(() -> new Lexer("1 =2").lex()).hasMessageStartingWith("Unexpected symbol: '=2'. Located at position 3");
        assertThatThrownBy(() -> new Lexer("'open").lex()).hasMessageStartingWith("Unexpected symbol: ''open'. Located at position 1");
        assertThatThrownBy(() -> new Lexer("-0xFF").lex()).hasMessageStartingWith("Unexpected symbol: '-0xFF'");
        assertThatThrownBy(() -> new Lexer("1.2.3").lex()).hasMessageStartingWith("Unexpected symbol: '1.2.3'");
        assertThatThrownBy(() -> new Lexer("a/b").lex()).hasMessageStartingWith("Unexpected symbol: 'a/b'");
    }

    @Test
    void tooLongFailsBeforeLexing() {
        String longest = "1" + " ".repeat(Limits.MAX_EXPRESSION_LENGTH - 1);
        assertThat(types(longest)).containsExactly(TokenType.NUMBER, TokenType.EOF);
        assertThatThrownBy(() -> new Lexer(longest + " ").lex())
                .hasMessage("Exceeded max expression length 21000")
                .extracting(e -> ((ExpressionException) e).position()).isEqualTo(21001);
    }
}
