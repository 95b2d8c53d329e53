package dev.hearth.actions.llm;

import dev.hearth.actions.llm.fake.FakeLlmServer;
import dev.hearth.actions.llm.fake.Protocol;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Configurations and requests shared by the translator's tests. */
final class Fixtures {

    static final String MODEL = "test-model";
    static final String API_KEY = "sk-test-7f3c9a1be04d";

    /** Fast: millisecond backoff, a breaker that reopens quickly; the timeout is generous (a loaded machine is slow). */
    static final LlmConfig.Resilience FAST = new LlmConfig.Resilience(Duration.ofSeconds(10), 2, Duration.ofSeconds(60), 5,
            Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofMillis(300));

    /** For tests that inject stalls: the client gives up after {@link #SHORT_TIMEOUT}, the server stalls {@link #STALL}. */
    static final Duration SHORT_TIMEOUT = Duration.ofSeconds(1);
    static final Duration STALL = Duration.ofSeconds(3);

    private Fixtures() {
    }

    static LlmProvider provider(Protocol p) {
        return p == Protocol.OLLAMA ? LlmProvider.OLLAMA : LlmProvider.OPENAI;
    }

    static LlmConfig config(FakeLlmServer server, Path cacheDir) {
        return new LlmConfig(provider(server.protocol()), MODEL, server.baseUrl(), API_KEY, cacheDir, FAST,
                LlmConfig.DEFAULT_MAX_SCRIPT_BYTES);
    }

    static TranslationRequest request(String uses) {
        return new TranslationRequest(uses, null, null, Map.of("name", "world"), "not found at its source");
    }

    static TranslationRequest request(int i) {
        return new TranslationRequest("acme/tool-" + i + "@v1", null, """
                name: tool %d
                inputs:
                  level: {default: '1'}
                runs: {using: docker, image: Dockerfile}
                """.formatted(i), Map.of("level", Integer.toString(i % 3)), "Docker action and no Docker engine");
    }
}
