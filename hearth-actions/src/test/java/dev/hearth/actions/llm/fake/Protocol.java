package dev.hearth.actions.llm.fake;

/** The wire protocol a {@link FakeLlmServer} speaks. */
public enum Protocol {
    /** {@code POST /api/chat}; the base URL is the server's root. */
    OLLAMA("/api/chat", ""),
    /** {@code POST /v1/chat/completions}; the base URL ends in {@code /v1}, as OpenAI-compatible clients expect. */
    OPENAI("/v1/chat/completions", "/v1");

    private final String path;
    private final String basePath;

    Protocol(String path, String basePath) {
        this.path = path;
        this.basePath = basePath;
    }

    public String path() {
        return path;
    }

    String basePath() {
        return basePath;
    }
}
