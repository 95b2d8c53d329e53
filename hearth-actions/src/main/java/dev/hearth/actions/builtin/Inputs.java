package dev.hearth.actions.builtin;

import java.util.Arrays;
import java.util.List;

/**
 * Reads a built-in action's inputs the way {@code @actions/core} does for the real actions: booleans
 * by YAML 1.2's core schema, lists one item per line, trimmed, blank lines dropped.
 */
public final class Inputs {
    private Inputs() {
    }

    /** An input that does not read as its type; the step fails with the message. */
    public static final class InvalidInputException extends RuntimeException {
        public InvalidInputException(String message) {
            super(message);
        }
    }

    /**
     * A boolean input; an empty value is false.
     *
     * @throws InvalidInputException for anything but {@code true|True|TRUE|false|False|FALSE}
     */
    public static boolean bool(BuiltinContext context, String name) {
        String value = context.input(name).strip();
        return switch (value) {
            case "true", "True", "TRUE" -> true;
            case "false", "False", "FALSE", "" -> false;
            default -> throw new InvalidInputException("Input does not meet YAML 1.2 \"Core Schema\" specification: "
                    + name + "\nSupport boolean input list: `true | True | TRUE | false | False | FALSE`");
        };
    }

    /** A multi-line input as its trimmed, non-blank lines. */
    public static List<String> lines(BuiltinContext context, String name) {
        return Arrays.stream(context.input(name).split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * A required input's value, trimmed.
     *
     * @throws InvalidInputException when it is empty, with {@code @actions/core}'s message
     */
    public static String required(BuiltinContext context, String name) {
        String value = context.input(name).strip();
        if (value.isEmpty()) {
            throw new InvalidInputException("Input required and not supplied: " + name);
        }
        return value;
    }
}
