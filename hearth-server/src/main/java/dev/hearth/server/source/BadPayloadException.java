package dev.hearth.server.source;

/** A webhook body that lacks or garbles what Hearth needs to act on the event; the message says which field. */
public final class BadPayloadException extends RuntimeException {
    public BadPayloadException(String message) {
        super(message);
    }
}
