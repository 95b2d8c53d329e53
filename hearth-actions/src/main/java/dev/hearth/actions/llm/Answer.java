package dev.hearth.actions.llm;

import java.util.Map;

/**
 * A translation as the model gave it, validated: the documented JSON shape
 * {@code {"script": "...", "outputs": {"name": "description"}}}.
 */
public record Answer(String script, Map<String, String> outputs) {
    public Answer {
        outputs = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(outputs));
    }
}
