package dev.hearth.cli.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what a run is given on the command line: the event payload, dotenv files, {@code K=V} flags. */
public final class RunInputs {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunInputs() {
    }

    /** The webhook payload of {@code -e}: a JSON object; null when no file is given. */
    public static JsonNode payload(Path file) throws UsageException {
        if (file == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(Files.readString(file));
            if (node == null || !node.isObject()) {
                throw new UsageException("the event payload " + file + " is not a JSON object");
            }
            return node;
        } catch (NoSuchFileException e) {
            throw new UsageException("no such event payload file: " + file);
        } catch (JsonProcessingException e) {
            throw new UsageException("the event payload " + file + " is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UsageException("cannot read the event payload " + file + ": " + e.getMessage());
        }
    }

    /**
     * A dotenv file given with {@code flag}, else {@code fallback} in the current folder when present
     * (act reads {@code .secrets} and {@code .vars} that way), else nothing.
     */
    public static Map<String, String> dotenv(Path given, String fallback, String flag) throws UsageException {
        Path file = given;
        if (file == null) {
            Path dflt = Path.of(fallback);
            if (!Files.isRegularFile(dflt)) {
                return Map.of();
            }
            file = dflt;
        } else if (!Files.isRegularFile(file)) {
            throw new UsageException(flag + ": no such file: " + file);
        }
        try {
            return Dotenv.read(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        } catch (Dotenv.DotenvException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /**
     * {@code KEY<separator>VALUE} flags as a map, in order.
     *
     * @param flag the flag's name and {@code form} its expected form, for messages
     * @throws UsageException a flag without the separator or without a key, or a key given twice
     */
    public static Map<String, String> pairs(List<String> flags, char separator, String flag, String form)
            throws UsageException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String f : flags) {
            int at = f.indexOf(separator);
            if (at <= 0) {
                throw new UsageException(flag + " '" + f + "': expected " + form);
            }
            String key = f.substring(0, at).strip();
            if (map.put(key, f.substring(at + 1)) != null) {
                throw new UsageException(flag + ": " + key + " is given twice");
            }
        }
        return map;
    }
}
