package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Failures that are nobody's answer: a cancelled run, a machine without bash. Both end as TranslationExceptions. */
class UnexpectedFailuresTest {

    @TempDir
    Path cache;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void anInterruptedTranslationEndsAtOnceAndKeepsTheInterrupt() throws Exception {
        try (var server = FakeLlmServer.ollama(Behaviour.answering(FakeAnswers::forStep)).latency(Duration.ofSeconds(30))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache)
                    .withResilience(Fixtures.FAST.withTimeout(Duration.ofSeconds(60))), registry);
            var outcome = new CompletableFuture<Throwable>();
            var stillInterrupted = new AtomicBoolean();
            Thread worker = Thread.ofPlatform().start(() -> {
                try {
                    translator.translate(Fixtures.request("acme/slow@v1"));
                    outcome.complete(null);
                } catch (Throwable t) {
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                    outcome.complete(t);
                }
            });
            while (server.calls() == 0) {
                Thread.onSpinWait();
            }
            worker.interrupt();

            Throwable t = outcome.get();
            assertThat(t).isInstanceOf(TranslationException.class).hasMessageContaining("interrupted");
            assertThat(stillInterrupted).isTrue();
            assertThat(server.calls()).isEqualTo(1);
            assertThat(new MeterReader(registry).translationsFailed("interrupted")).isEqualTo(1);
        }
    }

    @Test
    void noBashToCheckTheAnswerIsATranslationFailureNotACrash() throws Exception {
        try (var server = FakeLlmServer.openAi(Behaviour.answering(FakeAnswers::forStep))) {
            LlmConfig config = Fixtures.config(server, cache);
            var translator = new LlmStepTranslator(config, LangchainChatClient.create(config), registry,
                    new BashSyntaxChecker("/nonexistent/bash"));

            assertThatThrownBy(() -> translator.translate(Fixtures.request("acme/x@v1")))
                    .isInstanceOf(TranslationException.class)
                    .hasMessageContaining("cannot run '/nonexistent/bash -n'");
        }
    }
}
