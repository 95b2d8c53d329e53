package dev.hearth.actions.llm;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The {@link StepTranslator} on a configured LLM. A translation comes from the disk cache when it can
 * (no call at all); otherwise the model is asked, its answer validated, failures retried with backoff
 * (a rejected answer is shown to the model with the reason), and the result cached. Concurrent
 * requests for the same step share one translation. All calls go through one {@link ProviderGuard},
 * so the concurrency limit holds per instance: create one per provider and share it between runs.
 */
public final class LlmStepTranslator implements StepTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(LlmStepTranslator.class);

    private final LlmConfig config;
    private final ChatClient client;
    private final AnswerValidator validator;
    private final TranslationCache cache;
    private final ProviderGuard guard;
    private final TranslationMetrics metrics;
    private final Redactor redactor;
    private final FaultClassifier classifier;
    private final Map<CacheKey, CompletableFuture<Answer>> inFlight = new ConcurrentHashMap<>();

    /** A translator speaking to {@code config}'s provider through langchain4j. */
    public LlmStepTranslator(LlmConfig config, MeterRegistry registry) {
        this(config, LangchainChatClient.create(config), registry);
    }

    /** A translator on another chat client (the guards, validation, cache and metrics stay the same). */
    public LlmStepTranslator(LlmConfig config, ChatClient client, MeterRegistry registry) {
        this(config, client, registry, new BashSyntaxChecker());
    }

    LlmStepTranslator(LlmConfig config, ChatClient client, MeterRegistry registry, BashSyntaxChecker bash) {
        this.config = config;
        this.client = client;
        this.validator = new AnswerValidator(config.maxScriptBytes(), bash);
        this.cache = new TranslationCache(config.cacheDir(), validator);
        this.guard = new ProviderGuard(config);
        this.metrics = new TranslationMetrics(registry, config);
        this.redactor = new Redactor(config.apiKey());
        this.classifier = new FaultClassifier(redactor);
    }

    /** The translator {@code env}'s {@code HEARTH_LLM_*} variables describe, or empty when no provider is set. */
    public static Optional<StepTranslator> fromEnvironment(Map<String, String> env, MeterRegistry registry)
            throws LlmConfigException {
        return LlmConfigParser.forCurrentUser().parse(env).map(c -> new LlmStepTranslator(c, registry));
    }

    public LlmConfig config() {
        return config;
    }

    @Override
    public Translation translate(TranslationRequest request) throws TranslationException {
        CacheKey key = CacheKey.of(request, config.modelId());
        CompletableFuture<Answer> mine = new CompletableFuture<>();
        CompletableFuture<Answer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitShared(request, running);
        }
        try {
            // Looked up only once this thread owns the key: a translation finished by another thread
            // is stored before that thread lets go of the key, so it is found here.
            Optional<Answer> hit = cache.find(key);
            if (hit.isPresent()) {
                LOG.info("LLM translation of '{}' taken from the cache ({})", request.uses(), config.modelId());
                mine.complete(hit.get());
                metrics.translated(true);
                return translation(hit.get(), true);
            }
            Answer answer = translateWithRetries(request);
            cache.store(key, answer, request, config.modelId());
            mine.complete(answer);
            metrics.translated(false);
            return translation(answer, false);
        } catch (TranslationException | RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private Translation awaitShared(TranslationRequest request, CompletableFuture<Answer> running)
            throws TranslationException {
        try {
            Answer a = running.get();
            metrics.translated(true);
            return translation(a, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranslationException("interrupted while waiting for the translation of '" + request.uses() + "'");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TranslationException te) {
                throw new TranslationException(te.getMessage(), te);
            }
            throw new TranslationException("could not translate '" + request.uses() + "': "
                    + redactor.redact(String.valueOf(e.getCause().getMessage())), e.getCause());
        }
    }

    private Answer translateWithRetries(TranslationRequest request) throws TranslationException {
        Attempts attempts = new Attempts(request);
        try {
            Answer answer = guard.withRetries(attempts::next);
            LOG.info("LLM translated '{}' with {} ({} attempt{})", request.uses(), config.modelId(),
                    attempts.count, attempts.count == 1 ? "" : "s");
            return answer;
        } catch (LlmCallException e) {
            metrics.gaveUp(e.failureCause());
            String msg = redactor.redact("could not translate '" + request.uses() + "' with " + config.modelId()
                    + " after " + attempts.count + " attempt" + (attempts.count == 1 ? "" : "s") + ": " + e.describe());
            LOG.warn(msg);
            throw new TranslationException(msg, e);
        } catch (RuntimeException e) {
            // Not the provider's fault: e.g. bash cannot be run to check the answer. Still a clear
            // TranslationException, so a step never fails with a stray runtime exception.
            metrics.gaveUp(FailureCause.OTHER);
            String msg = redactor.redact("could not translate '" + request.uses() + "' with " + config.modelId()
                    + ": " + e.getMessage());
            LOG.warn(msg);
            throw new TranslationException(msg);
        }
    }

    private Translation translation(Answer a, boolean cached) {
        return new Translation(a.script(), a.outputs(), config.modelId(), cached);
    }

    /** One translation's attempts; remembers the last rejected answer to show the model. */
    private final class Attempts {
        private final TranslationRequest request;
        private int count;
        private int calls;
        private String rejectedAnswer;
        private String rejection;

        Attempts(TranslationRequest request) {
            this.request = request;
        }

        Answer next() {
            count++;
            int before = calls;
            String text;
            try {
                text = guard.call(this::call);
            } catch (LlmCallException e) {
                if (calls == before) {
                    // Refused before calling (circuit open, no free slot, interrupted while queued);
                    // a failed call counted itself.
                    metrics.attemptFailed(e.failureCause());
                }
                throw e;
            }
            try {
                return validator.validate(text);
            } catch (InvalidAnswerException e) {
                rejectedAnswer = text;
                rejection = e.getMessage();
                metrics.attemptFailed(FailureCause.INVALID_ANSWER);
                String reason = redactor.redact(e.getMessage());
                LOG.debug("LLM call {} for '{}': invalid answer: {}", count, request.uses(), reason);
                throw new LlmCallException(FailureCause.INVALID_ANSWER, reason);
            }
        }

        private String call() {
            List<ChatTurn> turns = rejection == null ? TranslationPrompt.of(request)
                    : TranslationPrompt.retry(request, rejectedAnswer, rejection);
            calls++;
            metrics.attempt();
            long start = System.nanoTime();
            try {
                String text = client.complete(turns);
                metrics.callSucceeded(Duration.ofNanos(System.nanoTime() - start));
                return text;
            } catch (RuntimeException e) {
                LlmCallException f = classifier.classify(e);
                metrics.callFailed(f.failureCause(), Duration.ofNanos(System.nanoTime() - start));
                LOG.debug("LLM call {} for '{}' failed: {}", count, request.uses(), f.describe());
                throw f;
            }
        }
    }
}
