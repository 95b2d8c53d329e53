package dev.hearth.actions.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The translator's meters, all tagged with {@code provider} and {@code model}:
 * <ul>
 * <li>{@code hearth.llm.attempts}: calls made to the provider;</li>
 * <li>{@code hearth.llm.attempt.failures} by {@code cause} ({@link FailureCause#tag()}): calls that gave no
 *     valid translation, including the ones a retry then made good;</li>
 * <li>{@code hearth.llm.call.latency}: time per call, by {@code outcome} ({@code success} or the cause);</li>
 * <li>{@code hearth.llm.translations.succeeded} by {@code source} ({@code llm} or {@code cache});</li>
 * <li>{@code hearth.llm.translations.failed} by {@code cause}: translations given up, after retries.</li>
 * </ul>
 */
public final class TranslationMetrics {

    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter attempts;
    private final Counter fromLlm;
    private final Counter fromCache;
    private final Map<FailureCause, Counter> attemptFailures = new EnumMap<>(FailureCause.class);
    private final Map<FailureCause, Counter> translationFailures = new EnumMap<>(FailureCause.class);

    public TranslationMetrics(MeterRegistry registry, LlmConfig config) {
        this.registry = registry;
        this.tags = Tags.of("provider", config.provider().id(), "model", config.model());
        this.attempts = Counter.builder("hearth.llm.attempts")
                .description("Calls made to the LLM provider").tags(tags).register(registry);
        this.fromLlm = succeeded("llm");
        this.fromCache = succeeded("cache");
        for (FailureCause c : FailureCause.values()) {
            attemptFailures.put(c, Counter.builder("hearth.llm.attempt.failures")
                    .description("Calls to the LLM provider that gave no valid translation")
                    .tags(tags).tag("cause", c.tag()).register(registry));
            translationFailures.put(c, Counter.builder("hearth.llm.translations.failed")
                    .description("Translations given up after retries")
                    .tags(tags).tag("cause", c.tag()).register(registry));
        }
    }

    private Counter succeeded(String source) {
        return Counter.builder("hearth.llm.translations.succeeded")
                .description("Translations obtained").tags(tags).tag("source", source).register(registry);
    }

    void attempt() {
        attempts.increment();
    }

    void callSucceeded(Duration latency) {
        latency("success").record(latency);
    }

    void callFailed(FailureCause cause, Duration latency) {
        attemptFailures.get(cause).increment();
        latency(cause.tag()).record(latency);
    }

    /**
     * An attempt failed without a failed call: refused before calling (circuit open, no free slot), or
     * the call succeeded but the answer was invalid.
     */
    void attemptFailed(FailureCause cause) {
        attemptFailures.get(cause).increment();
    }

    void translated(boolean cached) {
        (cached ? fromCache : fromLlm).increment();
    }

    void gaveUp(FailureCause cause) {
        translationFailures.get(cause).increment();
    }

    private Timer latency(String outcome) {
        return Timer.builder("hearth.llm.call.latency")
                .description("Time per call to the LLM provider")
                .tags(tags).tag("outcome", outcome).register(registry);
    }
}
