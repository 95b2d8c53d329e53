package dev.hearth.server.config;

import java.util.List;

/** The settings are unusable; the message lists every problem found, one a line. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid server configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem on its own. */
    public List<String> problems() {
        return problems;
    }
}
