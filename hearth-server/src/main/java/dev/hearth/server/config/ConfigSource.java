package dev.hearth.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Reads a settings file: {@code .yml}/{@code .yaml} as a flat YAML mapping, anything else as Java
 * properties. Keys are the environment variables' names ({@code PORT: 3004}).
 */
final class ConfigSource {
    private ConfigSource() {}

    static Map<String, String> read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        try {
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
                return yaml(file);
            }
            Properties props = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            }
            Map<String, String> values = new HashMap<>();
            props.forEach((k, v) -> values.put(k.toString(), v.toString()));
            return values;
        } catch (IOException e) {
            throw new ConfigException(java.util.List.of("HEARTH_CONFIG: cannot read " + file + ": " + e.getMessage()));
        }
    }

    private static Map<String, String> yaml(Path file) throws IOException {
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
        } catch (RuntimeException e) {
            throw new ConfigException(java.util.List.of("HEARTH_CONFIG: " + file + " is not valid YAML: " + e.getMessage()));
        }
        Map<String, String> values = new HashMap<>();
        if (doc == null) {
            return values;
        }
        if (!(doc instanceof Map<?, ?> map)) {
            throw new ConfigException(java.util.List.of("HEARTH_CONFIG: " + file + " must be a mapping of setting names to values"));
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof java.util.List<?>) {
                throw new ConfigException(java.util.List.of("HEARTH_CONFIG: " + e.getKey() + " must be a plain value"));
            }
            values.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return values;
    }
}
