package dev.hearth.expressions;

import static dev.hearth.expressions.Eval.eval;
import static dev.hearth.expressions.Eval.show;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FunctionsTest {

    private static final String CTX = """
            {"labels": ["bug", "CI", 3], "obj": {"k": "v", "n": [1, 2]}}
            """;

    private static String run(String expr) {
        return show(eval(expr, CTX));
    }

    private static ExpressionException evalError(String expr) {
        try {
            eval(expr, CTX);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("expected an evaluation error for " + expr);
    }

    @Test
    void contains() {
        assertThat(run("contains('Hello World', 'o w')")).isEqualTo("true");
        assertThat(run("contains('abc', '')")).isEqualTo("true");
        assertThat(run("contains(123, 2)")).isEqualTo("true");
        assertThat(run("contains(labels, 'ci')")).isEqualTo("true");
        assertThat(run("contains(labels, '3')")).isEqualTo("true");
        assertThat(run("contains(labels, 'feature')")).isEqualTo("false");
        assertThat(run("contains(obj, 'k')")).isEqualTo("false");
        assertThat(run("contains('Array', labels)")).isEqualTo("false");
        assertThat(run("contains('STRASSE', 'ß')")).isEqualTo("false"); // lower-case comparison, like GitHub
        assertThat(run("contains('Ünïcode', 'üNÏ')")).isEqualTo("true");
    }

    @Test
    void startsWithAndEndsWith() {
        assertThat(run("startsWith('refs/heads/main', 'REFS/')")).isEqualTo("true");
        assertThat(run("startsWith('abc', 'abcd')")).isEqualTo("false");
        assertThat(run("endsWith('release.TAR.gz', '.tar.GZ')")).isEqualTo("true");
        assertThat(run("endsWith(1.5, '.5')")).isEqualTo("true");
        assertThat(run("startsWith(labels, 'bug')")).isEqualTo("false");
        assertThat(run("startsWith('bug', labels)")).isEqualTo("false");
        assertThat(run("endsWith('größe', 'SSE')")).isEqualTo("true");
        assertThat(run("startsWith('ıx', 'I')")).isEqualTo("false");
    }

    @Test
    void format() {
        assertThat(run("format('{0} {1} {0}', 'a', 2)")).isEqualTo("\"a 2 a\"");
        assertThat(run("format('{{0}} {{{0}}}', 'x')")).isEqualTo("\"{0} {x}\"");
        assertThat(run("format('{0:yyyy}', 'x')")).isEqualTo("\"x\""); // GitHub ignores what follows the digits
        assertThat(run("format('{0}{1}', null, true)")).isEqualTo("\"true\"");
        assertThat(run("format('{0}', labels)")).isEqualTo("\"Array\"");
        assertThat(run("format(1.50)")).isEqualTo("\"1.5\"");
        assertThat(run("format('plain')")).isEqualTo("\"plain\"");
        assertThat(run("format('{0}', 'only')")).isEqualTo("\"only\"");
        assertThat(run("format('a{1}b{0}c', 'x', 'y')")).isEqualTo("\"aybxc\"");
        assertThat(evalError("format('{0}')").getMessage())
                .isEqualTo("The following format string references more arguments than were supplied: {0}");
        assertThat(evalError("format('{99999999999}', 1)").getMessage()).contains("references more arguments");
        assertThat(evalError("format('{a}', 1)").getMessage()).isEqualTo("The following format string is invalid: {a}");
        assertThat(evalError("format('}', 1)").getMessage()).isEqualTo("The following format string is invalid: }");
        assertThat(evalError("format('{', 1)").getMessage()).isEqualTo("The following format string is invalid: {");
        assertThat(evalError("format('{}', 1)").kind()).isEqualTo(ExpressionException.Kind.EVALUATION);
    }

    @Test
    void join() {
        assertThat(run("join(labels)")).isEqualTo("\"bug,CI,3\"");
        assertThat(run("join(labels, ' | ')")).isEqualTo("\"bug | CI | 3\"");
        assertThat(run("join(labels, obj)")).isEqualTo("\"bug,CI,3\"");
        assertThat(run("join('single', '-')")).isEqualTo("\"single\"");
        assertThat(run("join(obj)")).isEqualTo("\"\"");
        assertThat(run("join(obj.*)")).isEqualTo("\"v,Array\"");
    }

    @Test
    void toJson() {
        assertThat(eval("toJSON(obj)", CTX)).isEqualTo(Value.of("{\n  \"k\": \"v\",\n  \"n\": [\n    1,\n    2\n  ]\n}"));
        assertThat(eval("toJSON('a\"b\\c\n')")).isEqualTo(Value.of("\"a\\\"b\\\\c\\n\""));
        assertThat(eval("toJSON(1e21)")).isEqualTo(Value.of("1e+21"));
        assertThat(eval("toJSON(0.000001)")).isEqualTo(Value.of("0.000001"));
        assertThat(eval("toJSON(1e-7)")).isEqualTo(Value.of("1e-7"));
        assertThat(eval("toJSON(NaN)")).isEqualTo(Value.of("null"));
        assertThat(eval("toJSON(-0)")).isEqualTo(Value.of("0"));
        assertThat(eval("toJSON(fromJSON('[]'))")).isEqualTo(Value.of("[]"));
        assertThat(eval("toJSON(fromJSON('\"\\u0001\\ud800\"'))")).isEqualTo(Value.of("\"\\u0001\\ud800\""));
    }

    @Test
    void fromJson() {
        assertThat(run("fromJSON('{\"a\": [1, true, null, \"x\"], \"A\": 2}')")).isEqualTo("{\"a\":[1,true,null,\"x\"]}");
        assertThat(run("fromJSON(' 12.5e1 ')")).isEqualTo("125");
        assertThat(run("fromJSON('\"\\u00e9\\n\"')")).isEqualTo("\"é\\n\"");
        assertThat(run("fromJSON('{\"a\": 1, \"a\": 2}').a")).isEqualTo("2");
        assertThat(evalError("fromJSON('')").getMessage()).contains("empty input");
        assertThat(evalError("fromJSON('  ')").kind()).isEqualTo(ExpressionException.Kind.EVALUATION);
        for (String bad : new String[] {"{", "[1,]", "01", "1.", "'x'", "{a: 1}", "tru", "[1] x", "NaN", "\"\t\""}) {
            assertThat(evalError("fromJSON('" + bad.replace("'", "''") + "')").getMessage())
                    .as(bad).startsWith("Error parsing fromJson");
        }
    }

    @Test
    void caseFunction() {
        assertThat(run("case(false, 1, true, 2, 3)")).isEqualTo("2");
        assertThat(run("case(false, 1, false, 2, obj.k)")).isEqualTo("\"v\"");
        assertThat(evalError("case('true', 1, 2)").getMessage()).isEqualTo("case predicate must evaluate to a boolean value");
        assertThat(run("case(true, 1, 'x' == 1, 2, 3)")).isEqualTo("1");
    }
}
