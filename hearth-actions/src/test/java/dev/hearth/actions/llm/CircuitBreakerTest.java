package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import dev.hearth.actions.llm.fake.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    @TempDir
    Path cache;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MeterReader meters = new MeterReader(registry);

    @Test
    void aFailingProviderIsLeftAloneUntilTheBreakerHalfOpens() throws Exception {
        try (var server = FakeLlmServer.ollama((r, n) -> new Reply.HttpError(502, "bad gateway"))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);
            // 2 translations × 5 attempts: the breaker's 10 minimum calls, all failed.
            for (int i = 0; i < 2; i++) {
                int step = i;
                assertThatThrownBy(() -> translator.translate(Fixtures.request(step)))
                        .hasMessageContaining("server_error");
            }
            assertThat(server.calls()).isEqualTo(10);

            assertThatThrownBy(() -> translator.translate(Fixtures.request(2)))
                    .isInstanceOf(TranslationException.class)
                    .hasMessageContaining("circuit_open")
                    .hasMessageContaining("after 1 attempt");
            assertThat(server.calls()).as("no call while open").isEqualTo(10);
            assertThat(meters.translationsFailed("circuit_open")).isEqualTo(1);

            server.behaviour(Behaviour.answering(FakeAnswers::forStep));
            // Not a timed assertion: waiting out the open state (300 ms in the test configuration).
            Thread.sleep(Fixtures.FAST.breakerOpen().multipliedBy(2).toMillis());

            Translation t = translator.translate(Fixtures.request(2));
            assertThat(t.script()).contains("acme/tool-2@v1");
            assertThat(server.calls()).isEqualTo(11);
        }
    }

    @Test
    void invalidAnswersDoNotTripTheBreaker() throws Exception {
        try (var server = FakeLlmServer.openAi((r, n) -> new Reply.Answer(FakeAnswers.bashSyntaxError()))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);
            for (int i = 0; i < 3; i++) {
                int step = i;
                assertThatThrownBy(() -> translator.translate(Fixtures.request(step)))
                        .hasMessageContaining("invalid_answer")
                        .hasMessageContaining("bash -n");
            }
            // A healthy provider whose model answers badly is still asked: every attempt reached it.
            assertThat(server.calls()).isEqualTo(15);
            assertThat(meters.attemptFailures("invalid_answer")).isEqualTo(15);
            assertThat(meters.attemptFailures("circuit_open")).isZero();
        }
    }
}
