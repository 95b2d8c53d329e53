package dev.hearth.engine.call;

/** A call that cannot be made as written (an input of the wrong type, an expression that fails); the message is for people. */
public final class CallException extends Exception {
    public CallException(String message) {
        super(message);
    }
}
