package dev.hearth.actions.llm.fake;

import java.util.List;

/**
 * A chat request as the fake server received it.
 *
 * @param protocol      the protocol it came in on
 * @param model         the {@code model} field
 * @param messages      the chat, in order
 * @param jsonMode      whether JSON output was requested ({@code format} for Ollama,
 *                      {@code response_format} for OpenAI)
 * @param authorization the {@code Authorization} header, or null
 * @param body          the raw body
 */
public record FakeLlmRequest(Protocol protocol, String model, List<Message> messages, boolean jsonMode,
                             String authorization, String body) {

    public FakeLlmRequest {
        messages = List.copyOf(messages);
    }

    /** One message. */
    public record Message(String role, String content) {
    }

    /** The last user message, which holds the step to translate or the feedback on a rejected answer. */
    public String lastUserMessage() {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return messages.get(i).content();
            }
        }
        return "";
    }

    /** The first user message: the step itself. */
    public String stepMessage() {
        return messages.stream().filter(m -> m.role().equals("user")).map(Message::content).findFirst().orElse("");
    }

    /** The value of the step message's {@code uses: } line, or empty. */
    public String uses() {
        for (String line : stepMessage().split("\n")) {
            if (line.startsWith("uses: ")) {
                return line.substring("uses: ".length()).strip();
            }
        }
        return "";
    }
}
