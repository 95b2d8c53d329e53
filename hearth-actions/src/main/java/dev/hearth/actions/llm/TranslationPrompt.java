package dev.hearth.actions.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * The chat that asks for one step's translation. The system message documents the only accepted
 * answer, {@code {"script": "<bash>", "outputs": {"<name>": "<description>"}}}; the user message gives
 * the step ({@code uses}, commit, why it cannot run, inputs as JSON, the {@code action.yml} when known).
 * After a rejected answer the chat goes on with that answer and the reason, so the model can correct it.
 */
public final class TranslationPrompt {

    /** Keeps the prompt within a small model's context; action.yml files are rarely longer. */
    static final int MAX_ACTION_YML = 24 * 1024;
    private static final int MAX_ECHOED_ANSWER = 8 * 1024;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    static final String SYSTEM = """
            You translate one GitHub Actions step that uses an action into a bash script that does the \
            same work on a Linux runner without the action itself.

            Answer with exactly one JSON object and nothing else (no prose, no code fences):
            {"script": "<bash script>", "outputs": {"<output name>": "<one-line description>"}}
            - "script" (required, non-empty string): runs with `bash --noprofile --norc -eo pipefail` in \
            the job's workspace ($GITHUB_WORKSPACE). It must parse with `bash -n`.
            - "outputs" (object, may be empty): the step outputs the script sets, each written as \
            `echo "<name>=<value>" >> "$GITHUB_OUTPUT"`.
            - No other keys.

            In the script:
            - The step's inputs are in the environment as INPUT_<NAME> (name upper-cased, spaces \
            replaced by '_'), as GitHub passes them to actions; use those variables rather than copying \
            values. A value shown as ${{ secrets.NAME }} is a secret you do not see: use its variable.
            - Export variables for later steps with `echo "NAME=value" >> "$GITHUB_ENV"`, add to the \
            PATH with `echo "/dir" >> "$GITHUB_PATH"`.
            - No interactive commands, no sudo, no Docker. Fail (exit non-zero) with a clear message \
            when something the action needs is missing.
            - Keep it short: do only what the action would do with these inputs.""";

    private TranslationPrompt() {
    }

    /** The first attempt's chat. */
    public static List<ChatTurn> of(TranslationRequest request) {
        return List.of(ChatTurn.system(SYSTEM), ChatTurn.user(step(request)));
    }

    /** The chat after {@code rejectedAnswer} was refused for {@code reason}. */
    public static List<ChatTurn> retry(TranslationRequest request, String rejectedAnswer, String reason) {
        List<ChatTurn> turns = new ArrayList<>(of(request));
        String echoed = rejectedAnswer == null ? "" : rejectedAnswer;
        if (echoed.length() > MAX_ECHOED_ANSWER) {
            echoed = echoed.substring(0, MAX_ECHOED_ANSWER) + "…";
        }
        if (!echoed.isBlank()) {
            // An empty assistant turn is refused by some APIs; the reason says the answer was empty.
            turns.add(ChatTurn.assistant(echoed));
        }
        turns.add(ChatTurn.user("That answer was rejected: " + reason + "\n"
                + "Answer again with only the JSON object {\"script\": \"...\", \"outputs\": {...}}."));
        return List.copyOf(turns);
    }

    static String step(TranslationRequest request) {
        StringBuilder sb = new StringBuilder();
        sb.append("Translate this step into bash.\n\n");
        sb.append("uses: ").append(request.uses()).append('\n');
        if (request.sha() != null) {
            sb.append("resolved commit: ").append(request.sha()).append('\n');
        }
        if (request.reason() != null && !request.reason().isBlank()) {
            sb.append("why the action itself cannot run: ").append(request.reason().strip()).append('\n');
        }
        sb.append("\ninputs (the step's with: values, as JSON):\n");
        try {
            sb.append(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(request.inputs()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
        sb.append("\n\n");
        String yml = request.actionYml();
        if (yml == null || yml.isBlank()) {
            sb.append("action.yml: not available; rely on what you know of this action.\n");
        } else {
            if (yml.length() > MAX_ACTION_YML) {
                yml = yml.substring(0, MAX_ACTION_YML) + "\n# … (cut)";
            }
            sb.append("action.yml:\n```yaml\n").append(yml.strip()).append("\n```\n");
        }
        return sb.toString();
    }
}
