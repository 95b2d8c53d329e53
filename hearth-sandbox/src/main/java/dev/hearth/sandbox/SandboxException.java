package dev.hearth.sandbox;

/** A sandbox could not be made or could not do what was asked; the message says why for a user. */
public class SandboxException extends Exception {
    public SandboxException(String message) {
        super(message);
    }

    public SandboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
