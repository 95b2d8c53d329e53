package dev.hearth.actions.builtin.checkout;

/** A checkout cannot be done as asked; the message is for the step's log. */
final class CheckoutException extends Exception {
    CheckoutException(String message) {
        super(message);
    }

    CheckoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
