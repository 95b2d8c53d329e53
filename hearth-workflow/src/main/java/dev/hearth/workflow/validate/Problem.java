package dev.hearth.workflow.validate;

/**
 * One thing wrong with a workflow file.
 *
 * @param file    the file the problem is in (the called workflow's reference for nested problems)
 * @param line    1-based, 0 when the whole file is concerned
 * @param column  1-based, 0 when the whole file is concerned
 * @param message GitHub's message
 * @param hint    a short "what to do", for people
 */
public record Problem(String file, int line, int column, String message, String hint) {
    public static Problem of(String file, int line, int column, String message) {
        return new Problem(file, line, column, message, Hints.forMessage(message));
    }
}
