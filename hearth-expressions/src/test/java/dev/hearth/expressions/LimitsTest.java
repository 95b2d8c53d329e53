package dev.hearth.expressions;

import static dev.hearth.expressions.Eval.eval;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LimitsTest {

    private static ExpressionException error(String expr, String ctx) {
        try {
            eval(expr, ctx);
        } catch (ExpressionException e) {
            return e;
        }
        throw new AssertionError("expected an error for " + expr);
    }

    @Test
    void memoryBudgetStopsRunawayFormat() {
        // 40 copies of a 10,000-character string, twice: 800,000 characters, more than 1 MiB at two bytes each.
        String forty = "{0}".repeat(40);
        String expr = "startsWith(format('" + forty + "', s), format('" + forty + "', s))";
        ExpressionException e = error(expr, "{\"s\": \"" + "x".repeat(10_000) + "\"}");
        assertThat(e.kind()).isEqualTo(ExpressionException.Kind.EVALUATION);
        assertThat(e.getMessage()).startsWith("The maximum allowed memory size was exceeded");
        // Half of that fits.
        assertThat(eval("format('" + forty + "', s)", "{\"s\": \"" + "x".repeat(5_000) + "\"}").kind())
                .isEqualTo(Value.Kind.STRING);
    }

    @Test
    void memoryBudgetStopsRunawayJoinAndToJson() {
        String big = "\"" + "y".repeat(300_000) + "\"";
        assertThat(error("join(fromJSON(format('[{0},{0}]', tojson(s))))", "{\"s\": " + big + "}").getMessage())
                .startsWith("The maximum allowed memory size was exceeded");
        assertThat(error("toJSON(a) && toJSON(a)", "{\"a\": [" + big + "]}").getMessage())
                .startsWith("The maximum allowed memory size was exceeded");
    }

    @Test
    void fromJsonNestingIsBounded() {
        String deep = "[".repeat(Limits.MAX_JSON_DEPTH + 1) + "]".repeat(Limits.MAX_JSON_DEPTH + 1);
        assertThat(error("fromJSON(s)", "{\"s\": \"" + deep + "\"}").getMessage()).contains("nested deeper");
        String ok = "[".repeat(Limits.MAX_JSON_DEPTH) + "]".repeat(Limits.MAX_JSON_DEPTH);
        assertThat(eval("fromJSON(s)", "{\"s\": \"" + ok + "\"}").kind()).isEqualTo(Value.Kind.ARRAY);
    }
}
