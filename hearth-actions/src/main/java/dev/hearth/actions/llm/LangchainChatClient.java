package dev.hearth.actions.llm;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;

import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;

/**
 * A {@link ChatClient} on langchain4j's Ollama and OpenAI chat models, asking for JSON mode
 * ({@code format: "json"} for Ollama, {@code response_format: {"type": "json_object"}} for OpenAI and
 * compatible APIs). langchain4j's own retries are off: the translator retries, with backoff, breaker
 * and metrics. Request and response logging stay off so the key and the inputs never reach a log.
 */
public final class LangchainChatClient implements ChatClient {

    private final ChatModel model;

    private LangchainChatClient(ChatModel model) {
        this.model = model;
    }

    /** The client for {@code config}'s provider. */
    public static LangchainChatClient create(LlmConfig config) {
        var timeout = config.resilience().timeout();
        // HTTP/1.1: no h2c upgrade dance with local servers; one request per connection at a time.
        JdkHttpClientBuilder http = JdkHttpClient.builder()
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1))
                .connectTimeout(timeout)
                .readTimeout(timeout);
        ChatModel model = switch (config.provider()) {
            case OLLAMA -> {
                var b = OllamaChatModel.builder()
                        .httpClientBuilder(http)
                        .baseUrl(config.baseUrl())
                        .modelName(config.model())
                        .timeout(timeout)
                        .maxRetries(0)
                        .responseFormat(ResponseFormat.JSON)
                        .logRequests(false)
                        .logResponses(false);
                if (config.apiKey() != null) {
                    // Hosted Ollama and proxies in front of a local one take a bearer token.
                    b.customHeaders(Map.of("Authorization", "Bearer " + config.apiKey()));
                }
                yield b.build();
            }
            case OPENAI -> OpenAiChatModel.builder()
                    .httpClientBuilder(http)
                    .baseUrl(config.baseUrl())
                    .apiKey(config.apiKey())
                    .modelName(config.model())
                    .timeout(timeout)
                    .maxRetries(0)
                    .responseFormat("json_object")
                    .logRequests(false)
                    .logResponses(false)
                    .build();
        };
        return new LangchainChatClient(model);
    }

    @Override
    public String complete(List<ChatTurn> turns) {
        ChatResponse response = model.chat(ChatRequest.builder().messages(messages(turns)).build());
        AiMessage ai = response.aiMessage();
        return ai == null || ai.text() == null ? "" : ai.text();
    }

    private static List<ChatMessage> messages(List<ChatTurn> turns) {
        return turns.stream().<ChatMessage>map(t -> switch (t.role()) {
            case SYSTEM -> SystemMessage.from(t.text());
            case USER -> UserMessage.from(t.text());
            case ASSISTANT -> AiMessage.from(t.text());
        }).toList();
    }
}
