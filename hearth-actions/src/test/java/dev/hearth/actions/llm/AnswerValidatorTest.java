package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.FakeAnswers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Validation with a real {@code bash -n}. */
class AnswerValidatorTest {

    private final AnswerValidator validator = new AnswerValidator(1000, new BashSyntaxChecker());

    @Test
    void acceptsTheDocumentedShape() throws Exception {
        Answer a = validator.validate("""
                {"script": "set -e\\nfor f in *.txt; do echo \\"$f\\"; done\\necho \\"count=3\\" >> \\"$GITHUB_OUTPUT\\"",
                 "outputs": {"count": "how many files"}}""");

        assertThat(a.script()).startsWith("set -e\nfor f in *.txt");
        assertThat(a.outputs()).isEqualTo(Map.of("count", "how many files"));
    }

    @Test
    void outputsMayBeLeftOut() throws Exception {
        assertThat(validator.validate("{\"script\": \"true\"}").outputs()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|the answer is empty",
            "not json at all|not valid JSON",
            "[1, 2]|must be a JSON object",
            "{\"script\": \"true\"} {\"script\": \"false\"}|not valid JSON",
            "{\"outputs\": {}}|\"script\" must be a string",
            "{\"script\": 42}|\"script\" must be a string",
            "{\"script\": \"  \\n \"}|\"script\" is empty",
            "{\"script\": \"true\", \"notes\": \"x\"}|unexpected key \"notes\"",
            "{\"script\": \"true\", \"script\": \"false\"}|not valid JSON",
            "{\"script\": \"true\", \"outputs\": [\"a\"]}|\"outputs\" must be an object",
            "{\"script\": \"true\", \"outputs\": {\"a b\": \"x\"}}|output name \"a b\" is not valid",
            "{\"script\": \"true\", \"outputs\": {\"a\": 1}}|must have a string description",
            "{\"script\": \"echo \\u0000\"}|contains a NUL character",
            "{\"script\": \"if true; then echo x\"}|does not parse with bash -n",
            "{\"script\": \"echo $(\"}|does not parse with bash -n",
    })
    void rejects(String answer, String reason) {
        assertThatThrownBy(() -> validator.validate(answer))
                .isInstanceOf(InvalidAnswerException.class)
                .hasMessageContaining(reason);
    }

    @Test
    void bashSaysWhereTheSyntaxErrorIs() {
        assertThatThrownBy(() -> validator.validate(FakeAnswers.bashSyntaxError()))
                .hasMessageContaining("bash -n")
                .hasMessageContaining("script: line")
                .hasMessageNotContaining("/tmp/");
    }

    @Test
    void rejectsAScriptOverTheLimit() throws Exception {
        assertThat(validator.validate(FakeAnswers.translation("echo " + "x".repeat(990), Map.of())).script()).hasSize(995);
        assertThatThrownBy(() -> validator.validate(FakeAnswers.tooBig(1000)))
                .hasMessageContaining("\"script\" is too big: 1008 bytes, the limit is 1000");
    }

    @Test
    void countsBytesNotCharacters() {
        assertThatThrownBy(() -> validator.validate(FakeAnswers.translation("echo " + "é".repeat(500), Map.of())))
                .hasMessageContaining("is too big: 1005 bytes");
    }

    @Test
    void rejectsAnEnormousAnswerBeforeParsingIt() {
        String huge = "{\"script\": \"" + "\\u0041".repeat(5000) + "\"}";
        assertThatThrownBy(() -> validator.validate(huge)).hasMessageContaining("the answer is too long");
    }
}
