package dev.hearth.actions.llm;

/** No valid translation could be had; the message says why (provider down, circuit open, invalid answers). */
public final class TranslationException extends Exception {
    public TranslationException(String message) {
        super(message);
    }

    public TranslationException(String message, Throwable cause) {
        super(message, cause);
    }
}
