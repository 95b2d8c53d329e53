package dev.hearth.actions.llm.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Answers in the translator's documented shape, and answers that break it. */
public final class FakeAnswers {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private FakeAnswers() {
    }

    /** {@code {"script": script, "outputs": outputs}}. */
    public static String translation(String script, Map<String, String> outputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("script", script);
        m.put("outputs", outputs);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A valid translation that names the step it translates, so tests can tell translations apart:
     * it echoes the {@code uses:} value and sets the output {@code translated}.
     */
    public static String forStep(FakeLlmRequest request) {
        String uses = request.uses().replace("'", "");
        return translation("echo 'translated " + uses + "'\necho \"translated=" + uses + "\" >> \"$GITHUB_OUTPUT\"\n",
                Map.of("translated", "the uses: value this script stands for"));
    }

    /** Valid JSON, but an empty script. */
    public static String emptyScript() {
        return translation("  ", Map.of());
    }

    /** Valid JSON whose script does not parse with {@code bash -n}. */
    public static String bashSyntaxError() {
        return translation("if true; then\n  echo unterminated\n", Map.of());
    }

    /** Valid JSON whose script is larger than {@code bytes}. */
    public static String tooBig(int bytes) {
        return translation("echo '" + "x".repeat(bytes) + "'\n", Map.of());
    }

    /** Prose instead of JSON, as a model not in JSON mode may answer. */
    public static String notJson() {
        return "Sure! Here is the script:\n```bash\necho hello\n```";
    }
}
