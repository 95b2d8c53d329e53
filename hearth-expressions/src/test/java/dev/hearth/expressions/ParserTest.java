package dev.hearth.expressions;

import static dev.hearth.expressions.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ParserTest {

    private static Node parse(String s) {
        return Expression.parse(s, ParseOptions.permissive()).root();
    }

    private static ExpressionException error(String s, ParseOptions options) {
        try {
            Expression.parse(s, options);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("expected a parse error for " + s);
    }

    private static ExpressionException error(String s) {
        return error(s, ParseOptions.namedValues(Set.of("github")));
    }

    @Test
    void precedenceOrIsLowestThenAndThenEqualityThenComparisonThenNot() {
        Node n = parse("a || b && c == d < e");
        assertThat(n).isInstanceOf(Node.Logical.class);
        Node.Logical or = (Node.Logical) n;
        assertThat(or.and()).isFalse();
        Node.Logical and = (Node.Logical) or.operands().get(1);
        assertThat(and.and()).isTrue();
        Node.Comparison eq = (Node.Comparison) and.operands().get(1);
        assertThat(eq.operator()).isEqualTo(Node.Operator.EQUAL);
        assertThat(((Node.Comparison) eq.right()).operator()).isEqualTo(Node.Operator.LESS);

        assertThat(parse("!a == b")).isInstanceOf(Node.Comparison.class);
        assertThat(parse("!a.b")).isEqualTo(new Node.Not(new Node.Property(new Node.NamedValue("a", 1), "b", "b")));
    }

    @Test
    void logicalOperatorsCollectTheirOperandsFlat() {
        assertThat(((Node.Logical) parse("a && b && c")).operands()).hasSize(3);
    }

    @Test
    void comparisonsAreLeftAssociative() {
        assertThat(eval("1 < 2 < 3")).isEqualTo(Value.TRUE);   // (1<2)=true → 1 < 3
        assertThat(eval("3 > 2 > 1")).isEqualTo(Value.FALSE);  // (3>2)=true → 1 > 1
        assertThat(eval("1 == 1 == true")).isEqualTo(Value.TRUE);
    }

    @Test
    void accessorsAndFilters() {
        assertThat(parse("a.b[0].*[*]")).isInstanceOf(Node.Filter.class);
        assertThat(parse("format(1)[0]")).isInstanceOf(Node.Index.class);
        assertThat(parse("(a)[0]")).isInstanceOf(Node.Index.class);
    }

    @Test
    void emptyExpressionIsNull() {
        assertThat(eval("")).isEqualTo(Value.NULL);
        assertThat(eval("   ")).isEqualTo(Value.NULL);
    }

    @Test
    void errorsCarryPositions() {
        assertThat(error("1 <").getMessage())
                .isEqualTo("Unexpected end of expression: '<'. Located at position 3 within expression: 1 <");
        assertThat(error("1 < )").getMessage())
                .isEqualTo("Unexpected symbol: ')'. Located at position 5 within expression: 1 < )");
        assertThat(error("github.()").position()).isEqualTo(8);
        assertThat(error("x.y").getMessage())
                .isEqualTo("Unrecognized named-value: 'x'. Located at position 1 within expression: x.y");
        assertThat(error("1 && foo()").getMessage())
                .isEqualTo("Unrecognized function: 'foo'. Located at position 6 within expression: 1 && foo()");
        assertThat(error("'a'[0]").getMessage()).startsWith("Unexpected symbol: '['. Located at position 4");
        assertThat(error("github.event_name == 'push'\n && env.X").position()).isEqualTo(33);
        assertThat(error("!").kind()).isEqualTo(ExpressionException.Kind.PARSING);
    }

    @Test
    void arityIsCheckedAtParseTime() {
        assertThat(error("join()").getMessage()).startsWith("Too few parameters supplied: 'join'");
        assertThat(error("join(1, 2, 3)").getMessage()).startsWith("Too many parameters supplied: 'join'");
        assertThat(error("case(true, 1, false, 2)").getMessage())
                .startsWith("Even number of parameters supplied, requires an odd number of parameters: 'case'");
        assertThat(error("success(1)", ParseOptions.permissive()).getMessage()).startsWith("Too many parameters");
    }

    @Test
    void functionNamesIgnoreCaseAndATrailingCommaIsAllowed() {
        assertThat(eval("TOJSON(1)")).isEqualTo(Value.of("1"));
        assertThat(eval("format('a',)")).isEqualTo(Value.of("a"));
    }

    @Test
    void contextualFunctionsNeedToBeAllowed() {
        assertThat(error("success()").getMessage()).startsWith("Unrecognized function: 'success'");
        assertThat(error("hashFiles('x')").getMessage()).startsWith("Unrecognized function: 'hashFiles'");
        ParseOptions options = ParseOptions.of(Set.of("github"), Set.of("SUCCESS", "hashfiles"));
        assertThat(Expression.parse("success() && hashFiles('x')", options).callsStatusFunction()).isTrue();
        assertThat(Expression.parse("hashFiles('x')", options).callsStatusFunction()).isFalse();
        assertThat(Expression.parse("github.x || Always()", ParseOptions.permissive()).callsStatusFunction()).isTrue();
        ParseOptions schemaStyle = ParseOptions.of(Set.of("github"), Set.of("hashFiles(1,255)", "always(0,0)"));
        assertThat(Expression.parse("always() || hashFiles('a')", schemaStyle).callsStatusFunction()).isTrue();
        assertThat(error("success()", schemaStyle).getMessage()).startsWith("Unrecognized function: 'success'");
    }

    @Test
    void schemaStyleAritiesOverrideTheFunctionsOwn() {
        ParseOptions jobIf = ParseOptions.of(Set.of(), Set.of("success(0,MAX)", "failure(0, 2)", "always()"));
        assertThat(Expression.parse("success('a', 'b', 'c') && failure('a', 'b') || always()", jobIf)
                .callsStatusFunction()).isTrue();
        assertThat(error("failure('a', 'b', 'c')", jobIf).getMessage()).startsWith("Too many parameters supplied: 'failure'");
        assertThat(error("always('a')", jobIf).getMessage()).startsWith("Too many parameters supplied: 'always'");
        assertThatThrownBy(() -> ParseOptions.of(Set.of(), Set.of("success(2)")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ParseOptions.of(Set.of(), Set.of("success(3,1)")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namedValuesIgnoreCase() {
        assertThat(Expression.parse("GitHub.sha", ParseOptions.namedValues(Set.of("github"))).source()).isEqualTo("GitHub.sha");
    }

    @Test
    void depthIsLimitedTheWayGitHubCountsIt() {
        assertThat(eval("!".repeat(49) + "false")).isEqualTo(Value.TRUE);
        assertThat(error("!".repeat(50) + "false").getMessage()).startsWith("Exceeded max expression depth 50");
        String ok = "(".repeat(49) + "1" + ")".repeat(49);
        assertThat(eval(ok)).isEqualTo(Value.of(1.0));
        assertThat(error("(".repeat(50) + "1" + ")".repeat(50)).getMessage()).startsWith("Exceeded max expression depth 50");
        StringBuilder props = new StringBuilder("github");
        for (int i = 1; i <= 49; i++) props.append("._").append(i);
        assertThat(eval(props.toString(), "{\"github\": null}")).isEqualTo(Value.NULL);
        props.append("._50");
        assertThat(error(props.toString()).kind()).isEqualTo(ExpressionException.Kind.PARSING);
        // A flat chain of 60 operands is not deep.
        assertThat(eval(String.join(" || ", java.util.Collections.nCopies(60, "0")))).isEqualTo(Value.of(0.0));
    }

    @Test
    void longComparisonChainsEvaluateWithoutDeepRecursion() {
        String chain = "1" + " == 1".repeat(3000);
        assertThat(eval(chain)).isEqualTo(Value.TRUE);
    }
}
