package dev.hearth.actions.llm;

import java.util.Locale;
import java.util.Optional;

/** The protocols Hearth speaks to an LLM, as {@code HEARTH_LLM_PROVIDER} names them. */
public enum LlmProvider {
    /** Ollama's {@code /api/chat}. */
    OLLAMA("ollama", "http://localhost:11434"),
    /** OpenAI's {@code /chat/completions}, and every API compatible with it (OpenRouter, llama.cpp, vLLM). */
    OPENAI("openai", "https://api.openai.com/v1");

    private final String id;
    private final String defaultBaseUrl;

    LlmProvider(String id, String defaultBaseUrl) {
        this.id = id;
        this.defaultBaseUrl = defaultBaseUrl;
    }

    /** The name in {@code HEARTH_LLM_PROVIDER}, in metrics and in {@link Translation#model()}. */
    public String id() {
        return id;
    }

    /** Where the provider listens when {@code HEARTH_LLM_BASE_URL} is not set. */
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    /** The provider named {@code id} (any case). */
    public static Optional<LlmProvider> byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (LlmProvider p : values()) {
            if (p.id.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
