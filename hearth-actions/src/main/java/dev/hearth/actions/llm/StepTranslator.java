package dev.hearth.actions.llm;

/**
 * Translates one {@code uses:} step into a bash script. Safe for concurrent use; implementations
 * enforce the provider's concurrency limit themselves.
 */
public interface StepTranslator {

    /**
     * @throws TranslationException when no valid translation could be had (after retries), with the cause
     */
    Translation translate(TranslationRequest request) throws TranslationException;
}
