package dev.hearth.expressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void noExpressionsIsALiteral() {
        Template t = Template.parse("it's {plain}");
        assertThat(t.hasExpressions()).isFalse();
        assertThat(t.segments()).containsExactly(new Template.Literal("it's {plain}", 0));
        assertThat(t.toExpressionSource()).isEqualTo("'it''s {plain}'");
        assertThat(Template.parse("").segments()).isEmpty();
        assertThat(Template.parse("").toExpressionSource()).isEqualTo("''");
    }

    @Test
    void exactlyOneExpressionIsThatExpression() {
        Template t = Template.parse("${{  github.sha }}");
        assertThat(t.hasExpressions()).isTrue();
        assertThat(t.expressions()).containsExactly(new Template.ExpressionSegment("github.sha", 0, 18));
        assertThat(t.toExpressionSource()).isEqualTo("github.sha");
    }

    @Test
    void mixedTextBecomesFormat() {
        Template t = Template.parse("echo '${{ github.sha }}' {x} ${{ matrix.os}}!");
        assertThat(t.segments()).hasSize(5);
        assertThat(t.toExpressionSource())
                .isEqualTo("format('echo ''{0}'' {{x}} {1}!', github.sha, matrix.os)");
        Value v = Expression.parse(t.toExpressionSource(), ParseOptions.permissive()).evaluate(MapEvaluationContext.of(Map.of(
                "github", ObjectValue.of(Map.of("sha", Value.of("abc"))),
                "matrix", ObjectValue.of(Map.of("os", Value.of("linux"))))));
        assertThat(v).isEqualTo(Value.of("echo 'abc' {x} linux!"));
    }

    @Test
    void closingBracesInsideStringLiteralsDoNotEndTheExpression() {
        Template t = Template.parse("${{ format('}}{0}', 'a''}}') }} tail");
        assertThat(t.expressions()).extracting(Template.ExpressionSegment::source)
                .containsExactly("format('}}{0}', 'a''}}')");
        assertThat(t.segments().get(1)).isEqualTo(new Template.Literal(" tail", 31));
    }

    @Test
    void dollarWithoutBracesIsText() {
        assertThat(Template.parse("cost: $5 {{ not }}").hasExpressions()).isFalse();
    }

    @Test
    void errorsUseGitHubsMessages() {
        assertThatThrownBy(() -> Template.parse("a ${{ github.sha "))
                .isInstanceOf(ExpressionException.class)
                .hasMessage("The expression is not closed. An unescaped ${{ sequence was found, but the closing }} sequence was not found.")
                .extracting(e -> ((ExpressionException) e).position()).isEqualTo(3);
        assertThatThrownBy(() -> Template.parse("x ${{ }}")).hasMessage("An expression was expected");
        assertThatThrownBy(() -> Template.parse("${{}}")).hasMessage("An expression was expected");
        assertThatThrownBy(() -> Template.parse("${{ 'unterminated }}")).hasMessageStartingWith("The expression is not closed");
    }
}
