package dev.hearth.engine.commands;

import java.util.List;

/**
 * A file a step wrote (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE) that GitHub's runner would refuse. The
 * message is GitHub's ({@code Invalid value. Matching delimiter not found 'EOF'}); on GitHub the step
 * fails with {@link #errors()} as its two error annotations.
 */
public final class FileCommandException extends Exception {
    private final FileCommand command;

    public FileCommandException(FileCommand command, String message) {
        super(message);
        this.command = command;
    }

    /** Which file. */
    public FileCommand command() {
        return command;
    }

    /** The error annotations GitHub shows, in order. */
    public List<String> errors() {
        return List.of("Unable to process file command '" + command.contextName() + "' successfully.", getMessage());
    }
}
