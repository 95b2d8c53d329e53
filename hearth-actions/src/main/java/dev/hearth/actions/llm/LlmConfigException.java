package dev.hearth.actions.llm;

/** A {@code HEARTH_LLM_*} variable holds a value Hearth cannot use; the message names the variable. */
public final class LlmConfigException extends Exception {
    public LlmConfigException(String message) {
        super(message);
    }
}
