package dev.hearth.actions.llm;

/**
 * Removes the API key from text that may reach a log or an exception: provider error bodies, exception
 * messages of the HTTP stack.
 */
final class Redactor {

    private static final String MASK = "***";

    private final String secret;

    Redactor(String secret) {
        this.secret = secret == null || secret.isEmpty() ? null : secret;
    }

    String redact(String text) {
        if (text == null || secret == null) {
            return text;
        }
        return text.replace(secret, MASK);
    }
}
