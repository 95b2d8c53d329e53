package dev.hearth.actions.llm;

/**
 * One call to the provider failed, classified. The message is already free of the API key; the
 * original exception is deliberately not kept as the cause because a provider's error body may echo
 * request headers.
 */
final class LlmCallException extends RuntimeException {

    private final FailureCause cause;

    LlmCallException(FailureCause cause, String message) {
        super(message, null, false, false);
        this.cause = cause;
    }

    FailureCause failureCause() {
        return cause;
    }

    /** {@code cause: message}, for a {@link TranslationException}. */
    String describe() {
        return failureCause().tag() + ": " + getMessage();
    }
}
