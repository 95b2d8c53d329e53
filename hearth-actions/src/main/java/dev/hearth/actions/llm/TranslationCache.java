package dev.hearth.actions.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Translations on disk, one JSON file per {@link CacheKey} under {@code <dir>/<first two hex>/<key>.json},
 * holding the answer in the model's own shape plus the model id. Writes go to a temporary file in the
 * same folder and are renamed into place, so a reader sees a whole entry or none, even with several
 * Hearth processes sharing the folder. An entry that cannot be read or fails validation is treated as
 * missing and replaced by the next store.
 */
public final class TranslationCache {

    private static final Logger LOG = LoggerFactory.getLogger(TranslationCache.class);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final AnswerValidator validator;

    public TranslationCache(Path dir, AnswerValidator validator) {
        this.dir = dir;
        this.validator = validator;
    }

    /** The file an entry lives in. */
    public Path file(CacheKey key) {
        return dir.resolve(key.sha256().substring(0, 2)).resolve(key.sha256() + ".json");
    }

    /** The cached answer, or empty when there is none or it is unusable. */
    public Optional<Answer> find(CacheKey key) {
        Path f = file(key);
        String text;
        try {
            text = Files.readString(f);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("LLM translation cache: cannot read {} ({}); translating again", f, e.getMessage());
            return Optional.empty();
        }
        try {
            JsonNode entry = JSON.readTree(text);
            JsonNode answer = entry == null ? null : entry.get("answer");
            if (answer == null || !answer.isObject()) {
                throw new InvalidAnswerException("no \"answer\" object");
            }
            return Optional.of(validator.validate(JSON.writeValueAsString(answer)));
        } catch (IOException | InvalidAnswerException e) {
            LOG.warn("LLM translation cache: ignoring the corrupt entry {} ({}); it will be replaced", f, e.getMessage());
            return Optional.empty();
        }
    }

    /** Stores an answer; a failure to write is logged, never thrown: the cache only saves calls. */
    public void store(CacheKey key, Answer answer, TranslationRequest request, String modelId) {
        Path f = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(f.getParent());
            ObjectNode entry = JSON.createObjectNode();
            entry.put("version", 1);
            entry.put("uses", request.uses());
            entry.put("sha", request.sha());
            entry.put("model", modelId);
            ObjectNode a = entry.putObject("answer");
            a.put("script", answer.script());
            ObjectNode outs = a.putObject("outputs");
            answer.outputs().forEach(outs::put);
            tmp = Files.createTempFile(f.getParent(), "." + key.sha256().substring(0, 8), ".tmp");
            Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(entry));
            try {
                Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            LOG.warn("LLM translation cache: cannot write {} ({})", f, e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
