package dev.hearth.actions.llm;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmRequest;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import dev.hearth.actions.llm.fake.Protocol;
import dev.hearth.actions.llm.fake.Reply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The translator against real HTTP servers speaking each provider's protocol, one fault at a time. */
class ProtocolTest {

    @TempDir
    Path cache;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MeterReader meters = new MeterReader(registry);

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void translatesAStepAndSendsTheStepInJsonMode(Protocol protocol) throws Exception {
        try (var server = FakeLlmServer.of(protocol, Behaviour.answering(FakeAnswers::forStep))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);
            var request = new TranslationRequest("acme/greet@v2", "0123456789abcdef0123456789abcdef01234567",
                    "name: greet\nruns: {using: docker, image: Dockerfile}\n", Map.of("who", "world"),
                    "Docker action and no Docker engine");

            Translation t = translator.translate(request);

            assertThat(t.script()).contains("translated acme/greet@v2");
            assertThat(t.outputs()).containsKey("translated");
            assertThat(t.model()).isEqualTo(Fixtures.provider(protocol).id() + "/" + Fixtures.MODEL);
            assertThat(t.cached()).isFalse();
            assertThat(server.calls()).isEqualTo(1);
            FakeLlmRequest sent = server.requests().getFirst();
            assertThat(sent.model()).isEqualTo(Fixtures.MODEL);
            assertThat(sent.jsonMode()).as("JSON mode requested").isTrue();
            assertThat(sent.messages().getFirst().role()).isEqualTo("system");
            assertThat(sent.messages().getFirst().content()).contains("\"script\"", "\"outputs\"");
            assertThat(sent.stepMessage()).contains("uses: acme/greet@v2",
                    "0123456789abcdef0123456789abcdef01234567", "\"who\" : \"world\"", "image: Dockerfile",
                    "Docker action and no Docker engine");
            assertThat(sent.authorization()).isEqualTo("Bearer " + Fixtures.API_KEY);
            assertThat(meters.attempts()).isEqualTo(1);
            assertThat(meters.translationsSucceeded("llm")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aRejectedAnswerIsShownToTheModelWithTheReason(Protocol protocol) throws Exception {
        var behaviour = Behaviour.firstThen(List.of(new Reply.Answer(FakeAnswers.bashSyntaxError())),
                Behaviour.answering(FakeAnswers::forStep));
        try (var server = FakeLlmServer.of(protocol, behaviour)) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);

            Translation t = translator.translate(Fixtures.request("acme/fix@v1"));

            assertThat(t.script()).contains("translated acme/fix@v1");
            assertThat(server.calls()).isEqualTo(2);
            FakeLlmRequest second = server.requests().get(1);
            assertThat(second.messages()).extracting(FakeLlmRequest.Message::role)
                    .containsExactly("system", "user", "assistant", "user");
            assertThat(second.messages().get(2).content()).isEqualTo(FakeAnswers.bashSyntaxError());
            assertThat(second.lastUserMessage()).contains("rejected", "bash -n");
        }
    }

    /** A fault, the cause it must be counted under, and the reply that injects it. */
    record Injected(String name, String cause, Reply reply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> faults() {
        List<Injected> faults = List.of(
                new Injected("connection reset", "connection", new Reply.ConnectionReset()),
                new Injected("HTTP 500", "server_error", new Reply.HttpError(500, "{\"error\":\"boom\"}")),
                new Injected("HTTP 503", "server_error", new Reply.HttpError(503, "overloaded")),
                new Injected("HTTP 429", "rate_limited", new Reply.HttpError(429, "{\"error\":\"slow down\"}")),
                new Injected("stall past the timeout", "timeout",
                        new Reply.Delayed(Fixtures.STALL, new Reply.Answer(FakeAnswers.translation("echo late", Map.of())))),
                new Injected("malformed JSON body", "malformed_response", new Reply.MalformedBody()),
                new Injected("answer not JSON", "invalid_answer", new Reply.Answer(FakeAnswers.notJson())),
                new Injected("empty script", "invalid_answer", new Reply.Answer(FakeAnswers.emptyScript())),
                new Injected("bash -n error", "invalid_answer", new Reply.Answer(FakeAnswers.bashSyntaxError())),
                new Injected("script too big", "invalid_answer", new Reply.Answer(FakeAnswers.tooBig(5000))),
                new Injected("unexpected key", "invalid_answer",
                        new Reply.Answer("{\"script\": \"echo hi\", \"explanation\": \"because\"}")));
        return Stream.of(Protocol.values()).flatMap(p -> faults.stream().map(f -> Arguments.of(p, f)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("faults")
    void aTransientFaultIsRetriedAndCountedByCause(Protocol protocol, Injected fault) throws Exception {
        var behaviour = Behaviour.firstThen(List.of(fault.reply()), Behaviour.answering(FakeAnswers::forStep));
        try (var server = FakeLlmServer.of(protocol, behaviour)) {
            LlmConfig config = Fixtures.config(server, cache)
                    .withResilience(Fixtures.FAST.withTimeout(Fixtures.SHORT_TIMEOUT))
                    .withMaxScriptBytes(4096);
            var translator = new LlmStepTranslator(config, registry);

            Translation t = translator.translate(Fixtures.request("acme/flaky@v1"));

            assertThat(t.script()).contains("translated acme/flaky@v1");
            assertThat(server.calls()).isEqualTo(2);
            assertThat(meters.attempts()).isEqualTo(2);
            assertThat(meters.attemptFailures(fault.cause())).isEqualTo(1);
            assertThat(meters.translationsSucceeded("llm")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void aWrongKeyIsNotRetried(Protocol protocol) throws Exception {
        try (var server = FakeLlmServer.of(protocol, (r, n) -> new Reply.HttpError(401, "{\"error\":\"invalid api key\"}"))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);

            var e = catchThrowableOfType(TranslationException.class,
                    () -> translator.translate(Fixtures.request("acme/locked@v1")));

            assertThat(e.getMessage()).contains("acme/locked@v1", "after 1 attempt", "authentication", "HTTP 401");
            assertThat(server.calls()).isEqualTo(1);
            assertThat(meters.translationsFailed("authentication")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void anUnknownModelIsNotRetried(Protocol protocol) throws Exception {
        try (var server = FakeLlmServer.of(protocol,
                (r, n) -> new Reply.HttpError(404, "{\"error\":\"model \\\"test-model\\\" not found, try pulling it first\"}"))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);

            assertThatThrownBy(() -> translator.translate(Fixtures.request("acme/x@v1")))
                    .isInstanceOf(TranslationException.class)
                    .hasMessageContaining("model_not_found")
                    .hasMessageContaining("not found, try pulling it first");
            assertThat(server.calls()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void givesUpAfterTheLastAttemptWithTheLastCause(Protocol protocol) throws Exception {
        try (var server = FakeLlmServer.of(protocol, (r, n) -> new Reply.HttpError(500, "{\"error\":\"down\"}"))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);

            var e = catchThrowableOfType(TranslationException.class,
                    () -> translator.translate(Fixtures.request("acme/down@v1")));

            assertThat(e.getMessage()).contains("after 5 attempts", "server_error", "HTTP 500");
            assertThat(server.calls()).isEqualTo(5);
            assertThat(meters.attemptFailures("server_error")).isEqualTo(5);
            assertThat(meters.translationsFailed("server_error")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void theApiKeyNeverReachesAnExceptionOrALog(Protocol protocol) throws Exception {
        // A hostile or buggy provider echoes the Authorization header in its error body, then answers
        // with a script whose syntax error makes bash quote the key back.
        Behaviour echo = (r, n) -> n % 2 == 1
                ? new Reply.HttpError(500, "{\"error\":\"bad header: " + r.authorization() + "\"}")
                : new Reply.Answer(FakeAnswers.translation(")" + Fixtures.API_KEY, Map.of()));
        // Hearth's loggers and langchain4j's, at DEBUG.
        List<Logger> loggers = List.of((Logger) LoggerFactory.getLogger("dev.hearth"),
                (Logger) LoggerFactory.getLogger("dev.langchain4j"));
        List<Level> before = loggers.stream().map(Logger::getLevel).toList();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        for (Logger logger : loggers) {
            logger.addAppender(logs);
            logger.setLevel(Level.DEBUG);
        }
        try (var server = FakeLlmServer.of(protocol, echo)) {
            LlmConfig config = Fixtures.config(server, cache);
            var translator = new LlmStepTranslator(config, registry);

            var e = catchThrowableOfType(TranslationException.class,
                    () -> translator.translate(Fixtures.request("acme/leak@v1")));

            assertThat(server.requests()).extracting(FakeLlmRequest::authorization)
                    .as("the key was sent, so the server could echo it").contains("Bearer " + Fixtures.API_KEY);
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).contains("***").doesNotContain(Fixtures.API_KEY);
            assertThat(logs.list).isNotEmpty();
            assertThat(logs.list).allSatisfy(ev -> assertThat(ev.getFormattedMessage()).doesNotContain(Fixtures.API_KEY));
            assertThat(config.toString()).doesNotContain(Fixtures.API_KEY);
        } finally {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).detachAppender(logs);
                loggers.get(i).setLevel(before.get(i));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void metricsScrapeInPrometheusFormat(Protocol protocol) throws Exception {
        var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var behaviour = Behaviour.firstThen(List.of(new Reply.ConnectionReset()), Behaviour.answering(FakeAnswers::forStep));
        try (var server = FakeLlmServer.of(protocol, behaviour)) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), prometheus);
            translator.translate(Fixtures.request("acme/metered@v1"));

            String scrape = prometheus.scrape();
            String provider = Fixtures.provider(protocol).id();
            assertThat(scrape)
                    .contains("hearth_llm_attempts_total{model=\"test-model\",provider=\"" + provider + "\"} 2.0")
                    .contains("hearth_llm_attempt_failures_total{cause=\"connection\",model=\"test-model\",provider=\""
                            + provider + "\"} 1.0")
                    .contains("hearth_llm_translations_succeeded_total{model=\"test-model\",provider=\"" + provider
                            + "\",source=\"llm\"} 1.0")
                    .contains("hearth_llm_call_latency_seconds_count{model=\"test-model\",outcome=\"success\",provider=\""
                            + provider + "\"} 1");
        }
    }
}
