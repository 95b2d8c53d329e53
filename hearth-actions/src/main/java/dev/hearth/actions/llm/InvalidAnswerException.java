package dev.hearth.actions.llm;

/** The model's answer is not a valid translation; the message says what is wrong, for the model's next try. */
public final class InvalidAnswerException extends Exception {
    public InvalidAnswerException(String message) {
        super(message);
    }
}
