package dev.hearth.engine.commands;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A workflow command as a line carried it, unescaped.
 *
 * @param name       the command's name as written ({@code error}, {@code ERROR}, a stop token…); compare
 *                   with {@link #is(String)}, since GitHub reads names case-insensitively
 * @param properties its properties; keys are looked up case-insensitively, as on GitHub
 * @param value      its data (the text after the second {@code ::}), never null
 * @param resumes    whether this line ends a {@code ::stop-commands::} pause (its name is then the token,
 *                   which may equal a command's name)
 */
public record WorkflowCommand(String name, Map<String, String> properties, String value, boolean resumes) {

    /** Names GitHub's runner registers; any other name is not a command there and its line is plain output. */
    public static final Set<String> KNOWN = Set.of("add-mask", "add-matcher", "add-path", "debug", "echo",
            "endgroup", "error", "group", "notice", "remove-matcher", "save-state", "set-env", "set-output",
            "stop-commands", "warning");

    public WorkflowCommand {
        TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (properties != null) {
            copy.putAll(properties);
        }
        properties = Collections.unmodifiableMap(copy);
        value = value == null ? "" : value;
    }

    public WorkflowCommand(String name, Map<String, String> properties, String value) {
        this(name, properties, value, false);
    }

    /** Whether this is the command {@code commandName} (case-insensitive), and not a resume line. */
    public boolean is(String commandName) {
        return !resumes && name.equalsIgnoreCase(commandName);
    }

    /** Whether GitHub's runner knows this command (resume lines count as known). */
    public boolean isKnown() {
        return resumes || isKnownName(name);
    }

    /** A property, or null when absent. */
    public String property(String key) {
        return properties.get(key);
    }

    /** Whether {@code name} is a command GitHub's runner knows, ignoring case. */
    public static boolean isKnownName(String name) {
        return name != null && KNOWN.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The line that carries this command: {@code ::name key=value,…::data}, escaped as GitHub's toolkit does. */
    public String toLine() {
        StringBuilder b = new StringBuilder("::").append(name);
        if (!properties.isEmpty()) {
            b.append(' ').append(properties.entrySet().stream()
                    .map(e -> e.getKey() + "=" + CommandParser.escapeProperty(e.getValue()))
                    .collect(Collectors.joining(",")));
        }
        return b.append("::").append(CommandParser.escapeData(value)).toString();
    }
}
