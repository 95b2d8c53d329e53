package dev.hearth.actions.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmConfigParserTest {

    private final LlmConfigParser parser = new LlmConfigParser(Path.of("/home/dev"));

    private static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void noProviderMeansNoLlm() throws Exception {
        assertThat(parser.parse(env())).isEmpty();
        assertThat(parser.parse(env("HEARTH_LLM_PROVIDER", "  ", "HEARTH_LLM_MODEL", "llama3.1"))).isEmpty();
    }

    @Test
    void ollamaWithDefaults() throws Exception {
        LlmConfig c = parser.parse(env("HEARTH_LLM_PROVIDER", "ollama", "HEARTH_LLM_MODEL", "llama3.1")).orElseThrow();

        assertThat(c.provider()).isEqualTo(LlmProvider.OLLAMA);
        assertThat(c.model()).isEqualTo("llama3.1");
        assertThat(c.modelId()).isEqualTo("ollama/llama3.1");
        assertThat(c.baseUrl()).isEqualTo("http://localhost:11434");
        assertThat(c.apiKey()).isNull();
        assertThat(c.cacheDir()).isEqualTo(Path.of("/home/dev/.cache/hearth/llm"));
        assertThat(c.resilience()).isEqualTo(LlmConfig.Resilience.DEFAULTS);
        assertThat(c.resilience().maxConcurrency()).isEqualTo(2);
        assertThat(c.maxScriptBytes()).isEqualTo(LlmConfig.DEFAULT_MAX_SCRIPT_BYTES);
    }

    @Test
    void openRouterThroughTheOpenAiProtocolWithEveryExtra() throws Exception {
        LlmConfig c = parser.parse(env(
                "HEARTH_LLM_PROVIDER", "OpenAI",
                "HEARTH_LLM_MODEL", "openai/gpt-4o-mini",
                "HEARTH_LLM_BASE_URL", "https://openrouter.ai/api/v1/",
                "HEARTH_LLM_API_KEY", " sk-or-v1-abc ",
                "HEARTH_LLM_TIMEOUT", "90s",
                "HEARTH_LLM_MAX_CONCURRENCY", "4",
                "HEARTH_LLM_QUEUE_TIMEOUT", "2m",
                "HEARTH_LLM_MAX_ATTEMPTS", "3",
                "HEARTH_LLM_BACKOFF", "250ms",
                "HEARTH_LLM_MAX_BACKOFF", "PT10S",
                "HEARTH_LLM_BREAKER_OPEN", "1h",
                "HEARTH_LLM_MAX_SCRIPT_BYTES", "10000",
                "HEARTH_LLM_CACHE_DIR", "/var/cache/hearth-llm")).orElseThrow();

        assertThat(c.provider()).isEqualTo(LlmProvider.OPENAI);
        assertThat(c.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(c.apiKey()).isEqualTo("sk-or-v1-abc");
        assertThat(c.resilience()).isEqualTo(new LlmConfig.Resilience(Duration.ofSeconds(90), 4, Duration.ofMinutes(2), 3,
                Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofHours(1)));
        assertThat(c.maxScriptBytes()).isEqualTo(10000);
        assertThat(c.cacheDir()).isEqualTo(Path.of("/var/cache/hearth-llm"));
    }

    @Test
    void theCacheFollowsXdgCacheHome() throws Exception {
        LlmConfig c = parser.parse(env("HEARTH_LLM_PROVIDER", "ollama", "HEARTH_LLM_MODEL", "m",
                "XDG_CACHE_HOME", "/tmp/xdg")).orElseThrow();
        assertThat(c.cacheDir()).isEqualTo(Path.of("/tmp/xdg/hearth/llm"));
    }

    @Test
    void aBareNumberIsSeconds() throws Exception {
        LlmConfig c = parser.parse(env("HEARTH_LLM_PROVIDER", "ollama", "HEARTH_LLM_MODEL", "m",
                "HEARTH_LLM_TIMEOUT", "45")).orElseThrow();
        assertThat(c.resilience().timeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HEARTH_LLM_PROVIDER|anthropic|HEARTH_LLM_PROVIDER must be 'ollama' or 'openai'",
            "HEARTH_LLM_BASE_URL|localhost:11434|must be an http:// or https:// URL",
            "HEARTH_LLM_BASE_URL|ftp://host/x|must be an http:// or https:// URL",
            "HEARTH_LLM_BASE_URL|http://exa mple|HEARTH_LLM_BASE_URL is not a URL",
            "HEARTH_LLM_BASE_URL|http:///v1|HEARTH_LLM_BASE_URL has no host",
            "HEARTH_LLM_BASE_URL|https://user:pw@host/v1|must not hold credentials; use HEARTH_LLM_API_KEY",
            "HEARTH_LLM_BASE_URL|https://host/v1?x=1|must not have a query",
            "HEARTH_LLM_TIMEOUT|soon|HEARTH_LLM_TIMEOUT must be a duration such as 90s",
            "HEARTH_LLM_TIMEOUT|0s|HEARTH_LLM_TIMEOUT must be longer than zero",
            "HEARTH_LLM_TIMEOUT|-5s|HEARTH_LLM_TIMEOUT must be a duration",
            "HEARTH_LLM_MAX_CONCURRENCY|two|HEARTH_LLM_MAX_CONCURRENCY must be a whole number, not 'two'",
            "HEARTH_LLM_MAX_CONCURRENCY|0|HEARTH_LLM_MAX_CONCURRENCY must be at least 1, not 0",
            "HEARTH_LLM_MAX_ATTEMPTS|-1|HEARTH_LLM_MAX_ATTEMPTS must be at least 1",
            "HEARTH_LLM_MAX_SCRIPT_BYTES|1e6|HEARTH_LLM_MAX_SCRIPT_BYTES must be a whole number",
            "HEARTH_LLM_MAX_BACKOFF|1ms|HEARTH_LLM_MAX_BACKOFF must not be shorter than HEARTH_LLM_BACKOFF",
    })
    void badValuesAreNamed(String name, String value, String message) {
        Map<String, String> e = env("HEARTH_LLM_PROVIDER", "ollama", "HEARTH_LLM_MODEL", "m");
        e.put(name, value);
        assertThatThrownBy(() -> parser.parse(e)).isInstanceOf(LlmConfigException.class).hasMessageContaining(message);
    }

    @Test
    void aModelIsRequired() {
        assertThatThrownBy(() -> parser.parse(env("HEARTH_LLM_PROVIDER", "ollama")))
                .isInstanceOf(LlmConfigException.class)
                .hasMessageContaining("HEARTH_LLM_MODEL must name the model");
    }

    @Test
    void aBadKeyIsReportedWithoutEchoingIt() {
        assertThatThrownBy(() -> parser.parse(env("HEARTH_LLM_PROVIDER", "openai", "HEARTH_LLM_MODEL", "m",
                "HEARTH_LLM_API_KEY", "sk-secret part")))
                .isInstanceOf(LlmConfigException.class)
                .hasMessageContaining("HEARTH_LLM_API_KEY contains whitespace")
                .hasMessageNotContaining("sk-secret");
    }

    @Test
    void toStringMasksTheKey() throws Exception {
        Optional<LlmConfig> c = parser.parse(env("HEARTH_LLM_PROVIDER", "openai", "HEARTH_LLM_MODEL", "m",
                "HEARTH_LLM_API_KEY", "sk-very-secret"));
        assertThat(c.orElseThrow().toString()).contains("apiKey=***").doesNotContain("sk-very-secret");
    }
}
