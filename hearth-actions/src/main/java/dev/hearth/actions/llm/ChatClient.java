package dev.hearth.actions.llm;

import java.util.List;

/** Sends one chat to the model and returns the text of its answer. One call, no retries. */
public interface ChatClient {

    /**
     * @throws RuntimeException whatever the transport or the provider failed with; the translator
     *                          classifies it ({@link FailureCause})
     */
    String complete(List<ChatTurn> turns);
}
