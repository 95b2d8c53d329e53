package dev.hearth.actions.llm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the LLM and how hard to try, read from {@code HEARTH_LLM_*} by {@link LlmConfigParser}.
 *
 * @param provider       the protocol
 * @param model          the model name as the provider knows it, e.g. {@code llama3.1} or
 *                       {@code openai/gpt-4o-mini} (OpenRouter)
 * @param baseUrl        the provider's base URL without a trailing slash; for OpenAI-compatible APIs it
 *                       includes the version path ({@code https://openrouter.ai/api/v1})
 * @param apiKey         the API key, or null; never printed ({@link #toString()} masks it)
 * @param cacheDir       the folder of cached translations
 * @param resilience     timeouts, retries, circuit breaker and concurrency limit
 * @param maxScriptBytes the largest script accepted from the model, in UTF-8 bytes
 */
public record LlmConfig(LlmProvider provider, String model, String baseUrl, String apiKey, Path cacheDir,
                        Resilience resilience, int maxScriptBytes) {

    /** Scripts above this many bytes are rejected unless configured otherwise: a step is not a program. */
    public static final int DEFAULT_MAX_SCRIPT_BYTES = 64 * 1024;

    public LlmConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(cacheDir, "cacheDir");
        Objects.requireNonNull(resilience, "resilience");
        if (maxScriptBytes <= 0) {
            throw new IllegalArgumentException("maxScriptBytes must be positive");
        }
    }

    /** A configuration with the default resilience settings and script limit. */
    public static LlmConfig of(LlmProvider provider, String model, String baseUrl, String apiKey, Path cacheDir) {
        return new LlmConfig(provider, model, baseUrl, apiKey, cacheDir, Resilience.DEFAULTS, DEFAULT_MAX_SCRIPT_BYTES);
    }

    /** {@code provider/model}, as {@link Translation#model()} and the cache key name it. */
    public String modelId() {
        return provider.id() + "/" + model;
    }

    public LlmConfig withResilience(Resilience r) {
        return new LlmConfig(provider, model, baseUrl, apiKey, cacheDir, r, maxScriptBytes);
    }

    public LlmConfig withMaxScriptBytes(int bytes) {
        return new LlmConfig(provider, model, baseUrl, apiKey, cacheDir, resilience, bytes);
    }

    /** Masks the API key: configurations end up in logs and exception messages. */
    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider.id() + ", model=" + model + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", cacheDir=" + cacheDir
                + ", resilience=" + resilience + ", maxScriptBytes=" + maxScriptBytes + "]";
    }

    /**
     * How calls to the provider are guarded.
     *
     * @param timeout        one call's limit (connect and answer)
     * @param maxConcurrency calls in flight to the provider at once; local models collapse under parallel calls
     * @param queueTimeout   how long a call waits for one of those slots before failing as busy
     * @param maxAttempts    calls per translation, the first included
     * @param initialBackoff the wait before the first retry; it doubles each retry, with ±50% jitter
     * @param maxBackoff     the longest wait between two attempts
     * @param breakerOpen    how long the circuit stays open (no calls at all) once most recent calls failed
     */
    public record Resilience(Duration timeout, int maxConcurrency, Duration queueTimeout, int maxAttempts,
                             Duration initialBackoff, Duration maxBackoff, Duration breakerOpen) {

        /** Generous for a local model on a CPU, which can take a minute to answer. */
        public static final Resilience DEFAULTS = new Resilience(Duration.ofSeconds(120), 2, Duration.ofMinutes(15), 5,
                Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30));

        public Resilience {
            positive(timeout, "timeout");
            positive(queueTimeout, "queueTimeout");
            positive(initialBackoff, "initialBackoff");
            positive(maxBackoff, "maxBackoff");
            positive(breakerOpen, "breakerOpen");
            if (maxConcurrency < 1) {
                throw new IllegalArgumentException("maxConcurrency must be at least 1");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1");
            }
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff");
            }
        }

        public Resilience withTimeout(Duration d) {
            return new Resilience(d, maxConcurrency, queueTimeout, maxAttempts, initialBackoff, maxBackoff, breakerOpen);
        }

        public Resilience withMaxConcurrency(int n) {
            return new Resilience(timeout, n, queueTimeout, maxAttempts, initialBackoff, maxBackoff, breakerOpen);
        }

        public Resilience withMaxAttempts(int n) {
            return new Resilience(timeout, maxConcurrency, queueTimeout, n, initialBackoff, maxBackoff, breakerOpen);
        }

        public Resilience withBackoff(Duration initial, Duration max) {
            return new Resilience(timeout, maxConcurrency, queueTimeout, maxAttempts, initial, max, breakerOpen);
        }

        public Resilience withBreakerOpen(Duration d) {
            return new Resilience(timeout, maxConcurrency, queueTimeout, maxAttempts, initialBackoff, maxBackoff, d);
        }

        private static void positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
        }
    }
}
