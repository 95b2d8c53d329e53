package dev.hearth.actions.llm;

import java.util.Map;

/**
 * A validated translation.
 *
 * @param script    a bash script (run like a {@code run:} step with {@code shell: bash}); it may write
 *                  to {@code $GITHUB_OUTPUT}, {@code $GITHUB_ENV} and {@code $GITHUB_PATH}
 * @param outputs   names and descriptions of the outputs the script sets, for the log
 * @param model     the provider and model that made it, e.g. {@code ollama/llama3.1}
 * @param cached    whether it came from the cache (no LLM call was made)
 */
public record Translation(String script, Map<String, String> outputs, String model, boolean cached) {
    public Translation {
        outputs = Map.copyOf(outputs);
    }
}
