package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.Behaviour;
import dev.hearth.actions.llm.fake.FakeAnswers;
import dev.hearth.actions.llm.fake.FakeLlmServer;
import dev.hearth.actions.llm.fake.Protocol;
import dev.hearth.actions.llm.fake.RandomFaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 4, acceptance 4 at the translator's level: 20 steps needing translation submitted at once,
 * with a limit of 2 concurrent calls and 30% of calls failing: the provider never handles more than 2
 * at once (measured on the server), nothing crashes, every step ends translated or with a
 * {@link TranslationException} that says why.
 *
 * <p>Stalls past the client's timeout are left out of the fault mix here: a provider keeps working on a
 * request its client gave up on, so the server would rightly count that abandoned request next to the
 * two the client allows. Timeouts are covered by {@link RandomFaultsAcceptanceTest} and {@link ProtocolTest}.
 */
class ConcurrencyLimitAcceptanceTest {

    private static final int STEPS = 20;
    private static final int LIMIT = 2;

    @TempDir
    Path cache;

    @ParameterizedTest
    @EnumSource(Protocol.class)
    void twentyAtOnceNeverMoreThanTwoOnTheProvider(Protocol protocol) throws Exception {
        var kinds = new ArrayList<>(EnumSet.allOf(RandomFaults.Fault.class));
        kinds.remove(RandomFaults.Fault.TIMEOUT);
        var faults = new RandomFaults(4L, 0.30, kinds, Fixtures.STALL, 5000, Behaviour.answering(FakeAnswers::forStep));
        try (var server = FakeLlmServer.of(protocol, faults).latency(Duration.ofMillis(100))) {
            LlmConfig config = Fixtures.config(server, cache)
                    .withResilience(Fixtures.FAST.withMaxConcurrency(LIMIT))
                    .withMaxScriptBytes(4096);
            var translator = new LlmStepTranslator(config, new SimpleMeterRegistry());

            CountDownLatch start = new CountDownLatch(1);
            List<Future<Translation>> futures = new ArrayList<>();
            Map<Integer, Translation> translated = new LinkedHashMap<>();
            Map<Integer, String> failed = new LinkedHashMap<>();
            List<Throwable> crashes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(STEPS)) {
                for (int i = 0; i < STEPS; i++) {
                    int step = i;
                    futures.add(pool.submit(() -> {
                        start.await();
                        return translator.translate(Fixtures.request(step));
                    }));
                }
                start.countDown();
                for (int i = 0; i < STEPS; i++) {
                    try {
                        translated.put(i, futures.get(i).get());
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof TranslationException te) {
                            failed.put(i, te.getMessage());
                        } else {
                            crashes.add(e.getCause());
                        }
                    }
                }
            }
            System.out.printf("[acceptance 4, %s] %d steps at once, limit %d: %d translated, %d failed %s, %d crashes,"
                            + " %d calls, at most %d at once on the server, faults %s%n", protocol, STEPS, LIMIT,
                    translated.size(), failed.size(), failed, crashes.size(), server.calls(),
                    server.maxConcurrentCalls(), faults.injected());

            assertThat(crashes).isEmpty();
            assertThat(translated.size() + failed.size()).isEqualTo(STEPS);
            assertThat(server.maxConcurrentCalls()).isBetween(1, LIMIT);
            translated.forEach((i, t) -> assertThat(t.script()).contains("translated acme/tool-" + i + "@v1"));
            failed.values().forEach(m -> assertThat(m).startsWith("could not translate 'acme/tool-")
                    .containsPattern("after \\d+ attempts?: [a-z_]+: "));
            assertThat(server.calls()).as("calls were made, with retries for the faults").isGreaterThan(STEPS);
        }
    }
}
