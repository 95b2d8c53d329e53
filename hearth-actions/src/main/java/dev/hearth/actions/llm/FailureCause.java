package dev.hearth.actions.llm;

import java.util.Locale;

/**
 * Why one call to the provider gave no usable translation: the {@code cause} tag of the failure metrics
 * and the first word of a {@link TranslationException}'s reason.
 */
public enum FailureCause {
    /** Connection refused, reset or closed early; unknown host. */
    CONNECTION(true, true),
    /** No answer within the timeout (or HTTP 408). */
    TIMEOUT(true, true),
    /** HTTP 5xx. */
    SERVER_ERROR(true, true),
    /** HTTP 429. */
    RATE_LIMITED(true, true),
    /** The HTTP body was not the protocol's JSON. */
    MALFORMED_RESPONSE(true, true),
    /** The model answered, but not with a valid translation (not the JSON shape, empty, {@code bash -n} fails, too big). */
    INVALID_ANSWER(true, false),
    /** HTTP 401 or 403: the key is wrong; retrying cannot help. */
    AUTHENTICATION(false, false),
    /** HTTP 404: the model (or the API path) does not exist. */
    MODEL_NOT_FOUND(false, false),
    /** Another HTTP 4xx: the request itself is refused. */
    BAD_REQUEST(false, false),
    /** The circuit breaker is open: recent calls mostly failed, so none is made. */
    CIRCUIT_OPEN(false, false),
    /** No concurrency slot freed up within the queue timeout. */
    BUSY(false, false),
    /** The thread was interrupted (the run is being cancelled). */
    INTERRUPTED(false, false),
    /** Anything else. */
    OTHER(false, false);

    private final boolean retryable;
    private final boolean providerFault;

    FailureCause(boolean retryable, boolean providerFault) {
        this.retryable = retryable;
        this.providerFault = providerFault;
    }

    /** Whether another attempt may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * Whether the failure says the provider is unhealthy, so the circuit breaker counts it. An invalid
     * answer comes from a healthy provider and does not count.
     */
    public boolean providerFault() {
        return providerFault;
    }

    /** The metric tag value, e.g. {@code server_error}. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
