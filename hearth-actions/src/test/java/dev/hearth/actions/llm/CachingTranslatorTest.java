package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The disk cache seen through the translator: hits make no call, across translators (processes) too. */
class CachingTranslatorTest {

    @TempDir
    Path cache;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aRepeatedStepMakesNoCallEvenFromANewTranslator() throws Exception {
        try (var server = FakeLlmServer.ollama(Behaviour.answering(FakeAnswers::forStep))) {
            LlmConfig config = Fixtures.config(server, cache);
            Translation first = new LlmStepTranslator(config, registry).translate(Fixtures.request(7));
            assertThat(server.calls()).isEqualTo(1);

            Translation again = new LlmStepTranslator(config, registry).translate(Fixtures.request(7));

            assertThat(server.calls()).isEqualTo(1);
            assertThat(again.cached()).isTrue();
            assertThat(again.script()).isEqualTo(first.script());
            assertThat(again.outputs()).isEqualTo(first.outputs());
            assertThat(again.model()).isEqualTo("ollama/" + Fixtures.MODEL);
            assertThat(new MeterReader(registry).translationsSucceeded("cache")).isEqualTo(1);
        }
    }

    @Test
    void otherInputsOrAnotherModelAreAnotherTranslation() throws Exception {
        try (var server = FakeLlmServer.ollama(Behaviour.answering(FakeAnswers::forStep))) {
            LlmConfig config = Fixtures.config(server, cache);
            var translator = new LlmStepTranslator(config, registry);
            translator.translate(Fixtures.request("acme/a@v1"));
            translator.translate(new TranslationRequest("acme/a@v1", null, null, Map.of("name", "moon"), "gone"));
            var otherModel = new LlmConfig(config.provider(), "other-model", config.baseUrl(), null, cache,
                    Fixtures.FAST, LlmConfig.DEFAULT_MAX_SCRIPT_BYTES);
            new LlmStepTranslator(otherModel, registry).translate(Fixtures.request("acme/a@v1"));

            assertThat(server.calls()).isEqualTo(3);
        }
    }

    @Test
    void aCorruptEntryIsTranslatedAgainAndReplaced() throws Exception {
        try (var server = FakeLlmServer.openAi(Behaviour.answering(FakeAnswers::forStep))) {
            LlmConfig config = Fixtures.config(server, cache);
            var request = Fixtures.request(3);
            Path entry = new TranslationCache(cache, null).file(CacheKey.of(request, config.modelId()));
            Files.createDirectories(entry.getParent());
            Files.writeString(entry, "{\"version\": 1, \"answer\": {\"scr");

            Translation t = new LlmStepTranslator(config, registry).translate(request);

            assertThat(t.cached()).isFalse();
            assertThat(server.calls()).isEqualTo(1);
            assertThat(Files.readString(entry)).contains("\"script\"", "translated acme/tool-3@v1");
            assertThat(new LlmStepTranslator(config, registry).translate(request).cached()).isTrue();
            assertThat(server.calls()).isEqualTo(1);
        }
    }

    @Test
    void concurrentRequestsForOneStepShareOneCall() throws Exception {
        try (var server = FakeLlmServer.ollama(Behaviour.answering(FakeAnswers::forStep)).latency(Duration.ofMillis(200))) {
            var translator = new LlmStepTranslator(Fixtures.config(server, cache), registry);
            int n = 6;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Translation>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(n)) {
                for (int i = 0; i < n; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return translator.translate(Fixtures.request("acme/matrix@v1"));
                    }));
                }
                start.countDown();
                List<Translation> ts = new ArrayList<>();
                for (var f : results) {
                    ts.add(f.get());
                }
                // Whether a late thread joined the running call or found the stored entry, nobody called again.
                assertThat(server.calls()).isEqualTo(1);
                assertThat(ts).extracting(Translation::script).containsOnly(ts.getFirst().script());
                assertThat(ts).filteredOn(t -> !t.cached()).hasSize(1);
            }
        }
    }
}
