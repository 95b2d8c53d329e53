package dev.hearth.engine.commands;

import java.util.Locale;

/** The files a step writes to talk to the runner, under GitHub's names for them. */
public enum FileCommand {
    ENV("env", "GITHUB_ENV", "set-env"),
    OUTPUT("output", "GITHUB_OUTPUT", "set-output"),
    STATE("state", "GITHUB_STATE", "save-state"),
    PATH("path", "GITHUB_PATH", "add-path"),
    STEP_SUMMARY("step_summary", "GITHUB_STEP_SUMMARY", null);

    private final String contextName;
    private final String variable;
    private final String workflowCommand;

    FileCommand(String contextName, String variable, String workflowCommand) {
        this.contextName = contextName;
        this.variable = variable;
        this.workflowCommand = workflowCommand;
    }

    /** The name GitHub's messages use ({@code Unable to process file command 'env' successfully.}). */
    public String contextName() {
        return contextName;
    }

    /** The environment variable that holds the file's path. */
    public String variable() {
        return variable;
    }

    /** The workflow command the file replaces, or null. */
    public String workflowCommand() {
        return workflowCommand;
    }

    /**
     * The file command called {@code name}: its context name ({@code env}), its variable
     * ({@code GITHUB_ENV}) or the workflow command it replaces ({@code set-env}), ignoring case.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static FileCommand named(String name) {
        for (FileCommand c : values()) {
            if (c.contextName.equalsIgnoreCase(name) || c.variable.equalsIgnoreCase(name)
                    || (c.workflowCommand != null && c.workflowCommand.equalsIgnoreCase(name))) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a file command: " + name);
    }

    @Override
    public String toString() {
        return contextName.toLowerCase(Locale.ROOT);
    }
}
