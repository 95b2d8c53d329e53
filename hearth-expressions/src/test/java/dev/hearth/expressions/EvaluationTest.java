package dev.hearth.expressions;

import static dev.hearth.expressions.Eval.eval;
import static dev.hearth.expressions.Eval.show;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvaluationTest {

    private static final String CTX = """
            {"github": {"Event_Name": "push", "ref": "refs/heads/main",
                        "event": {"labels": [{"name": "bug"}, {"name": "ci"}, {"other": 1}]}},
             "arr": ["zero", "one", "two"], "nested": [[1, 2], [3, 4], "x", {"a": 5}],
             "obj": {"a": 1, "B": 2, "5": "five", "": "empty", "true": "yes"}}
            """;

    private static String run(String expr) {
        return show(eval(expr, CTX));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "null == 0                | true",
        "true == 1                | true",
        "false == ''              | true",
        "'' == 0                  | true",
        "' 0x10 ' == 16           | true",
        "'1e2' == 100             | true",
        "'abc' == 'ABC'           | true",
        "'abc' != 'ABD'           | true",
        "NaN == NaN               | false",
        "NaN != NaN               | true",
        "null == null             | true",
        "null >= null             | true",
        "null > null              | false",
        "null == ''               | true",
        "null == false            | true",
        "'a' < 'B'                | true",
        "'B' > 'a'                | true",
        "true > false             | true",
        "2 > '10'                 | false",
        "'10' > 9                 | true",
        "-0 == 0                  | true",
        "Infinity > 1e308         | true",
        "arr == arr               | true",
        "arr == 'Array'           | false",
        "obj != obj               | false",
        "fromJSON('[]') == fromJSON('[]') | false",
        "arr > 0                  | false",
        "'ß' == 'SS'              | true",
        "'ı' == 'I'               | false",
        "'i' == 'İ'               | false",
        "'ς' == 'Σ'               | true",
    })
    void looseEqualityAndOrdering(String expr, String expected) {
        assertThat(run(expr)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "!null          | true",
        "!0             | true",
        "!NaN           | true",
        "!''            | true",
        "!'0'           | false",
        "!-1            | false",
        "!arr           | false",
        "!fromJSON('{}') | false",
        "!false         | true",
    })
    void truthiness(String expr, String expected) {
        assertThat(run(expr)).isEqualTo(expected);
    }

    @Test
    void andOrReturnTheDecidingOperand() {
        assertThat(run("1 && 'x'")).isEqualTo("\"x\"");
        assertThat(run("0 && 'x'")).isEqualTo("0");
        assertThat(run("'' || null || 'last'")).isEqualTo("\"last\"");
        assertThat(run("'first' || 'second'")).isEqualTo("\"first\"");
        // Short-circuit: the format error on the right is never reached.
        assertThat(run("true || format('{0}')")).isEqualTo("true");
        assertThat(run("false && format('{0}')")).isEqualTo("false");
    }

    @Test
    void propertyAccessIgnoresCaseAndNonObjectsGiveNull() {
        assertThat(run("github.EVENT_NAME")).isEqualTo("\"push\"");
        assertThat(run("GITHUB['event_name']")).isEqualTo("\"push\"");
        assertThat(run("github.missing")).isEqualTo("null");
        assertThat(run("github.ref.length")).isEqualTo("null");
        assertThat(run("arr.length")).isEqualTo("null");
        assertThat(run("github.missing.deeper")).isEqualTo("null");
    }

    @Test
    void indexAccessCoercesTheIndex() {
        assertThat(run("arr[1]")).isEqualTo("\"one\"");
        assertThat(run("arr[1.9]")).isEqualTo("\"one\"");
        assertThat(run("arr['2']")).isEqualTo("\"two\"");
        assertThat(run("arr[true]")).isEqualTo("\"one\"");
        assertThat(run("arr[null]")).isEqualTo("\"zero\"");
        assertThat(run("arr[-1]")).isEqualTo("null");
        assertThat(run("arr[3]")).isEqualTo("null");
        assertThat(run("arr[NaN]")).isEqualTo("null");
        assertThat(run("obj[5]")).isEqualTo("\"five\"");
        assertThat(run("obj[null]")).isEqualTo("\"empty\"");
        assertThat(run("obj[true]")).isEqualTo("\"yes\"");
        assertThat(run("obj['b']")).isEqualTo("2");
        assertThat(run("obj[arr]")).isEqualTo("null");
    }

    @Test
    void filters() {
        assertThat(run("github.event.labels.*.name")).isEqualTo("[\"bug\",\"ci\"]");
        assertThat(run("github.event.labels[*].NAME")).isEqualTo("[\"bug\",\"ci\"]");
        assertThat(run("obj.*")).isEqualTo("[1,2,\"five\",\"empty\",\"yes\"]");
        assertThat(run("nested[*][1]")).isEqualTo("[2,4]");
        assertThat(run("nested.*.*")).isEqualTo("[1,2,3,4,5]");
        assertThat(run("nested.*.a")).isEqualTo("[5]");
        assertThat(run("github.ref.*")).isEqualTo("[]");
        assertThat(run("github.missing.*.x")).isEqualTo("[]");
        assertThat(run("contains(github.event.labels.*.name, 'CI')")).isEqualTo("true");
    }

    @Test
    void namedValueMissingFromTheContextIsNull() {
        Value v = Expression.parse("foo", ParseOptions.permissive()).evaluate(MapEvaluationContext.of(java.util.Map.of()));
        assertThat(v).isEqualTo(Value.NULL);
    }

    @Test
    void resultKinds() {
        assertThat(eval("1").kind().title()).isEqualTo("Number");
        assertThat(eval("'x'").kind().title()).isEqualTo("String");
        assertThat(eval("null").kind().title()).isEqualTo("Null");
        assertThat(eval("true").kind().title()).isEqualTo("Boolean");
        assertThat(eval("fromJSON('[]')").kind().title()).isEqualTo("Array");
        assertThat(eval("fromJSON('{}')").kind().title()).isEqualTo("Object");
    }

    @Test
    void statusFunctionsAndHashFilesUseTheContext() {
        ParseOptions options = ParseOptions.permissive();
        MapEvaluationContext plain = MapEvaluationContext.of(java.util.Map.of());
        MapEvaluationContext ctx = plain.withStatus(f -> f == BuiltinFunction.FAILURE || f == BuiltinFunction.ALWAYS)
                .withHashFiles(patterns -> "hash:" + String.join("+", patterns));
        assertThat(Expression.parse("failure() && always() && !success() && !cancelled()", options).evaluate(ctx))
                .isEqualTo(Value.TRUE);
        assertThat(Expression.parse("hashFiles('**/a', 1)", options).evaluate(ctx)).isEqualTo(Value.of("hash:**/a+1"));
        ExpressionException e = org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class,
                () -> Expression.parse("success()", options).evaluate(plain));
        assertThat(e.kind()).isEqualTo(ExpressionException.Kind.EVALUATION);
        assertThat(e.getMessage()).isEqualTo("The function 'success' is not available in this context");
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(ExpressionException.class,
                () -> Expression.parse("hashFiles('x')", options).evaluate(plain)).getMessage()).contains("hashFiles");
    }
}
