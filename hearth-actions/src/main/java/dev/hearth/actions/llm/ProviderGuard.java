package dev.hearth.actions.llm;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.exception.AcquirePermissionCancelledException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

import java.util.function.Supplier;

/**
 * The resilience4j guards around one provider: a bulkhead (at most {@code maxConcurrency} calls in
 * flight, the others wait in a fair queue), a circuit breaker that opens when most recent calls failed
 * because of the provider, and a retry with exponential backoff and jitter for retryable failures.
 * Retries sit outside the bulkhead so a call waiting out its backoff holds no slot.
 */
final class ProviderGuard {

    /** Calls the breaker looks back over, and how many it needs before it judges. */
    private static final int BREAKER_WINDOW = 20;
    private static final int BREAKER_MIN_CALLS = 10;
    private static final float BREAKER_FAILURE_PERCENT = 50;
    private static final double BACKOFF_MULTIPLIER = 2.0;
    private static final double JITTER = 0.5;

    private final LlmConfig config;
    private final Bulkhead bulkhead;
    private final CircuitBreaker breaker;
    private final Retry retry;

    ProviderGuard(LlmConfig config) {
        this.config = config;
        LlmConfig.Resilience r = config.resilience();
        String name = "hearth-llm-" + config.provider().id();
        this.bulkhead = Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(r.maxConcurrency())
                .maxWaitDuration(r.queueTimeout())
                .fairCallHandlingStrategyEnabled(true)
                .build());
        this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(BREAKER_WINDOW)
                .minimumNumberOfCalls(BREAKER_MIN_CALLS)
                .failureRateThreshold(BREAKER_FAILURE_PERCENT)
                .waitDurationInOpenState(r.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof LlmCallException f && f.failureCause().providerFault())
                .ignoreException(e -> e instanceof BulkheadFullException)
                .build());
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(
                        r.initialBackoff(), BACKOFF_MULTIPLIER, JITTER, r.maxBackoff()))
                .retryOnException(e -> e instanceof LlmCallException f && f.failureCause().retryable())
                .build());
    }

    /** Runs {@code attempt} until it succeeds, fails for good, or the attempts are used up. */
    <T> T withRetries(Supplier<T> attempt) {
        return Retry.decorateSupplier(retry, attempt).get();
    }

    /** One call through the breaker and the bulkhead; refusals come back as {@link LlmCallException}s. */
    <T> T call(Supplier<T> call) {
        try {
            return breaker.executeSupplier(() -> bulkhead.executeSupplier(call));
        } catch (CallNotPermittedException e) {
            throw new LlmCallException(FailureCause.CIRCUIT_OPEN, "the circuit breaker for " + config.provider().id()
                    + " at " + config.baseUrl() + " is open after repeated failures; no call is made for "
                    + human(config.resilience().breakerOpen()) + " after it opened");
        } catch (AcquirePermissionCancelledException e) {
            Thread.currentThread().interrupt();
            throw new LlmCallException(FailureCause.INTERRUPTED, "interrupted while waiting for a free slot");
        } catch (BulkheadFullException e) {
            throw new LlmCallException(FailureCause.BUSY, "no free slot among the " + config.resilience().maxConcurrency()
                    + " concurrent calls allowed to " + config.provider().id() + " within "
                    + human(config.resilience().queueTimeout()));
        }
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + "ms" : d.toSeconds() + "s";
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }
}
