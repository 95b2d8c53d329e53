package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.SandboxException;

/**
 * A call to fcctl-web failed: the server answered with an error status, the call timed out, or it
 * never reached the server. The message names the call, the status and the server's own error text,
 * never the token.
 */
public final class FcctlApiException extends SandboxException {
    private final int status;
    private final boolean timedOut;

    FcctlApiException(String message, int status, boolean timedOut, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.timedOut = timedOut;
    }

    /** The HTTP status the server answered with, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    /** Whether the call ran out of time waiting for the answer. */
    public boolean timedOut() {
        return timedOut;
    }

    /** Whether trying again may help: no answer at all, or a server-side (5xx) error. */
    public boolean retryable() {
        return status == 0 || status >= 500;
    }
}
