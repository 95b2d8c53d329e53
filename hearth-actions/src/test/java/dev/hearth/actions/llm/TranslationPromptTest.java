package dev.hearth.actions.llm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TranslationPromptTest {

    @Test
    void aStepWithoutManifestSaysSo() {
        var turns = TranslationPrompt.of(new TranslationRequest("gone/away@v1", null, null,
                Map.of("token", "${{ secrets.TOKEN }}"), "not found at its source"));

        assertThat(turns).extracting(ChatTurn::role).containsExactly(ChatTurn.Role.SYSTEM, ChatTurn.Role.USER);
        assertThat(turns.get(1).text())
                .contains("uses: gone/away@v1", "not found at its source", "\"token\" : \"${{ secrets.TOKEN }}\"",
                        "action.yml: not available")
                .doesNotContain("resolved commit");
    }

    @Test
    void aLongManifestIsCut() {
        String yml = "name: big\n" + "# filler\n".repeat(5000);
        String text = TranslationPrompt.of(new TranslationRequest("o/r@v1", null, yml, Map.of(), "x")).get(1).text();
        assertThat(text).contains("# … (cut)").hasSizeLessThan(TranslationPrompt.MAX_ACTION_YML + 1000);
    }

    @Test
    void anEmptyRejectedAnswerIsNotEchoed() {
        var turns = TranslationPrompt.retry(new TranslationRequest("o/r@v1", null, null, Map.of(), "x"), "",
                "the answer is empty; expected a JSON object");
        assertThat(turns).extracting(ChatTurn::role)
                .containsExactly(ChatTurn.Role.SYSTEM, ChatTurn.Role.USER, ChatTurn.Role.USER);
        assertThat(turns.get(2).text()).contains("rejected: the answer is empty");
    }
}
