package dev.hearth.actions.llm;

import java.util.Map;

/**
 * One step to translate.
 *
 * @param uses       the {@code uses:} value as written
 * @param sha        the resolved commit of a remote action when known, else null
 * @param actionYml  the action's {@code action.yml} text when known, else null
 * @param inputs     the step's evaluated {@code with:} values (secrets already replaced by the engine
 *                   with {@code ${{ secrets.NAME }}}-style placeholders, never sent in clear)
 * @param reason     why the action itself cannot run (the resolver's message), shown in the prompt and log
 */
public record TranslationRequest(String uses, String sha, String actionYml, Map<String, String> inputs, String reason) {
    public TranslationRequest {
        inputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(inputs));
    }
}
