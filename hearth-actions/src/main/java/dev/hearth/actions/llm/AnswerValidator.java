package dev.hearth.actions.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Accepts a model's answer only when it is exactly the documented JSON shape, the script is non-empty,
 * within the size limit and parses with {@code bash -n}. Strict on purpose: the prompt documents the
 * shape, and a rejected answer is fed back to the model with the reason.
 */
public final class AnswerValidator {

    /** Output names as GitHub allows them in {@code steps.<id>.outputs.<name>}. */
    private static final Pattern OUTPUT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
    private static final int MAX_OUTPUTS = 64;
    private static final int MAX_DESCRIPTION = 1000;
    private static final Set<String> KEYS = Set.of("script", "outputs");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int maxScriptBytes;
    private final BashSyntaxChecker bash;

    public AnswerValidator(int maxScriptBytes, BashSyntaxChecker bash) {
        this.maxScriptBytes = maxScriptBytes;
        this.bash = bash;
    }

    public Answer validate(String text) throws InvalidAnswerException {
        if (text == null || text.isBlank()) {
            throw new InvalidAnswerException("the answer is empty; expected a JSON object");
        }
        // Escapes can make the JSON text a few times longer than the script it holds.
        if (text.length() > 6L * maxScriptBytes + 16 * 1024) {
            throw new InvalidAnswerException("the answer is too long (" + text.length() + " characters)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidAnswerException("the answer is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidAnswerException("the answer must be a JSON object {\"script\": ..., \"outputs\": {...}}, not "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT)));
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KEYS.contains(name)) {
                throw new InvalidAnswerException("unexpected key \"" + name + "\": only \"script\" and \"outputs\" are allowed");
            }
        }
        JsonNode scriptNode = root.get("script");
        if (scriptNode == null || !scriptNode.isTextual()) {
            throw new InvalidAnswerException("\"script\" must be a string");
        }
        String script = scriptNode.asText();
        if (script.isBlank()) {
            throw new InvalidAnswerException("\"script\" is empty");
        }
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxScriptBytes) {
            throw new InvalidAnswerException("\"script\" is too big: " + bytes + " bytes, the limit is " + maxScriptBytes);
        }
        if (script.indexOf('\0') >= 0) {
            throw new InvalidAnswerException("\"script\" contains a NUL character");
        }
        Map<String, String> outputs = outputs(root.get("outputs"));
        Optional<String> syntax = bash.check(script);
        if (syntax.isPresent()) {
            throw new InvalidAnswerException("\"script\" does not parse with bash -n: " + syntax.get());
        }
        return new Answer(script, outputs);
    }

    private static Map<String, String> outputs(JsonNode node) throws InvalidAnswerException {
        Map<String, String> outputs = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return outputs;
        }
        if (!node.isObject()) {
            throw new InvalidAnswerException("\"outputs\" must be an object of output name to description");
        }
        if (node.size() > MAX_OUTPUTS) {
            throw new InvalidAnswerException("\"outputs\" has " + node.size() + " entries, the limit is " + MAX_OUTPUTS);
        }
        for (var it = node.properties().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!OUTPUT_NAME.matcher(e.getKey()).matches()) {
                throw new InvalidAnswerException("output name \"" + e.getKey()
                        + "\" is not valid: letters, digits, '_' and '-', starting with a letter or '_'");
            }
            if (!e.getValue().isTextual()) {
                throw new InvalidAnswerException("output \"" + e.getKey() + "\" must have a string description");
            }
            String description = e.getValue().asText();
            if (description.length() > MAX_DESCRIPTION) {
                throw new InvalidAnswerException("output \"" + e.getKey() + "\" has a description longer than "
                        + MAX_DESCRIPTION + " characters");
            }
            outputs.put(e.getKey(), description);
        }
        return outputs;
    }
}
