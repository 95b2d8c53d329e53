package dev.hearth.actions.llm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TranslationCacheTest {

    @TempDir
    Path dir;

    private TranslationCache cache() {
        return new TranslationCache(dir, new AnswerValidator(4096, new BashSyntaxChecker()));
    }

    private static TranslationRequest req(String uses, String sha, Map<String, String> inputs) {
        return new TranslationRequest(uses, sha, "name: x", inputs, "whatever");
    }

    @Test
    void theKeyIgnoresInputOrderReasonAndManifestButNotTheRest() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("a", "1");
        ab.put("b", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("b", "2");
        ba.put("a", "1");
        CacheKey k = CacheKey.of(req("o/r@v1", null, ab), "ollama/m");

        assertThat(CacheKey.of(req("o/r@v1", null, ba), "ollama/m")).isEqualTo(k);
        assertThat(CacheKey.of(new TranslationRequest("o/r@v1", null, null, ab, "other reason"), "ollama/m")).isEqualTo(k);
        assertThat(CacheKey.of(req("o/r@v2", null, ab), "ollama/m")).isNotEqualTo(k);
        assertThat(CacheKey.of(req("o/r@v1", "a".repeat(40), ab), "ollama/m")).isNotEqualTo(k);
        assertThat(CacheKey.of(req("o/r@v1", null, Map.of("a", "1", "b", "3")), "ollama/m")).isNotEqualTo(k);
        assertThat(CacheKey.of(req("o/r@v1", null, ab), "ollama/other")).isNotEqualTo(k);
        assertThat(CacheKey.of(req("o/r@v1", null, ab), "openai/m")).isNotEqualTo(k);
        // Field boundaries cannot be shifted to forge a collision.
        assertThat(CacheKey.of(req("o/r@v1", null, Map.of("ab", "")), "m"))
                .isNotEqualTo(CacheKey.of(req("o/r@v1", null, Map.of("a", "b")), "m"));
    }

    @Test
    void storesAndFindsAnAnswerWithNoTemporaryFileLeft() throws Exception {
        TranslationCache c = cache();
        TranslationRequest r = req("o/r@v1", null, Map.of("a", "1"));
        CacheKey k = CacheKey.of(r, "ollama/m");
        assertThat(c.find(k)).isEmpty();

        c.store(k, new Answer("echo hi", Map.of("x", "an output")), r, "ollama/m");

        assertThat(c.find(k)).contains(new Answer("echo hi", Map.of("x", "an output")));
        assertThat(c.file(k)).exists().hasParent(dir.resolve(k.sha256().substring(0, 2)));
        try (var files = Files.list(c.file(k).getParent())) {
            assertThat(files.toList()).containsExactly(c.file(k));
        }
    }

    @Test
    void aCorruptEntryIsIgnoredAndReplaced() throws Exception {
        TranslationCache c = cache();
        TranslationRequest r = req("o/r@v1", null, Map.of());
        CacheKey k = CacheKey.of(r, "ollama/m");
        Files.createDirectories(c.file(k).getParent());
        for (String corrupt : new String[] {"{\"answer\": {\"script\": \"echo hal", "[]", "{\"answer\": {\"script\": \"\"}}",
                "{\"answer\": {\"script\": \"if then fi\"}}", "\u0000\u0001"}) {
            Files.writeString(c.file(k), corrupt);
            assertThat(c.find(k)).as(corrupt).isEmpty();
        }

        c.store(k, new Answer("echo fixed", Map.of()), r, "ollama/m");

        assertThat(c.find(k)).contains(new Answer("echo fixed", Map.of()));
    }
}
