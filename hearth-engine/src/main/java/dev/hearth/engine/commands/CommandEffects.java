package dev.hearth.engine.commands;

import dev.hearth.engine.commands.CommandEffect.AddMask;
import dev.hearth.engine.commands.CommandEffect.AddPath;
import dev.hearth.engine.commands.CommandEffect.Annotate;
import dev.hearth.engine.commands.CommandEffect.Debug;
import dev.hearth.engine.commands.CommandEffect.Echo;
import dev.hearth.engine.commands.CommandEffect.EndGroup;
import dev.hearth.engine.commands.CommandEffect.Group;
import dev.hearth.engine.commands.CommandEffect.Output;
import dev.hearth.engine.commands.CommandEffect.Print;
import dev.hearth.engine.commands.CommandEffect.Rejected;
import dev.hearth.engine.commands.CommandEffect.ResumeCommands;
import dev.hearth.engine.commands.CommandEffect.SaveState;
import dev.hearth.engine.commands.CommandEffect.SetEnv;
import dev.hearth.engine.commands.CommandEffect.SetOutput;
import dev.hearth.engine.commands.CommandEffect.StopCommands;
import dev.hearth.engine.commands.CommandEffect.Unknown;
import dev.hearth.engine.commands.CommandEffect.Unsupported;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a step's output lines into what the engine must do, with GitHub's messages. One instance per
 * step: it owns the step's {@link CommandParser} and remembers whether command lines are echoed.
 * Not thread-safe (lines arrive one at a time).
 */
public final class CommandEffects {
    /** The runner's warning for {@code set-output} and {@code save-state}; {@code %s} is the command. */
    public static final String DEPRECATED = "The `%s` command is deprecated and will be disabled soon. Please "
            + "upgrade to using Environment Files. For more information see: "
            + "https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/";
    /** The runner's refusal of {@code set-env} and {@code add-path}; {@code %s} is the command. */
    public static final String DISABLED = "The `%s` command is disabled. Please upgrade to using Environment Files "
            + "or opt into unsecure command execution by setting the `ACTIONS_ALLOW_UNSECURE_COMMANDS` environment "
            + "variable to `true`. For more information see: "
            + "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/";
    /** The runner's refusal of an unsafe {@code stop-commands} token. */
    public static final String STOP_TOKEN_REFUSED = "You cannot use a endToken that is an empty string, the string "
            + "'pause-logging', or another workflow command. For more information see: "
            + "https://docs.github.com/actions/learn-github-actions/workflow-commands-for-github-actions"
            + "#example-stopping-and-starting-workflow-commands or opt into insecure command execution by setting "
            + "the `ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS` environment variable to `true`.";
    public static final String EMPTY_MASK = "Can't add secret mask for empty string in ##[add-mask] command.";
    /** {@code %s} is the command. */
    public static final String MISSING_NAME = "Required field 'name' is missing in ##[%s] command.";
    /** {@code %s} is the variable. */
    public static final String SET_ENV_BLOCKED = "Can't update %s environment variable using ::set-env:: command.";
    /** {@code %s} is the value as given. */
    public static final String INVALID_ECHO = "Invalid echo command value. Possible values can be: 'on', 'off'. "
            + "Current value is: '%s'.";
    /** .NET's message for an empty required argument; {@code %s} is the argument. */
    public static final String VALUE_NULL = "Value cannot be null. (Parameter '%s')";
    /** A stop token longer than this is masked, as the runner does, so the log does not give it away. */
    public static final int MASKED_STOP_TOKEN_LENGTH = 6;

    /** Commands whose lines are never echoed: their effect is visible in the log anyway. */
    private static final Set<String> OMIT_ECHO = Set.of("add-mask", "debug", "error", "warning", "notice");

    private final CommandPolicy policy;
    private final CommandParser parser;
    private boolean echo;

    public CommandEffects(CommandPolicy policy) {
        this.policy = policy == null ? CommandPolicy.DEFAULT : policy;
        this.parser = new CommandParser(this.policy.allowUnsecureStopTokens());
        this.echo = this.policy.echo();
    }

    public CommandEffects() {
        this(CommandPolicy.DEFAULT);
    }

    /** What one line of output means: {@link Output} for plain output, else its command's effects. */
    public List<CommandEffect> line(String line) {
        WorkflowCommand command = parser.parse(line);
        return command == null ? List.of(new Output(line)) : apply(command, line);
    }

    /**
     * The effects of a command a line carried. For a caller with its own parser: that parser must have
     * been made with this policy's {@code allowUnsecureStopTokens}, or the two disagree on whether a
     * stop token paused processing.
     */
    public List<CommandEffect> apply(WorkflowCommand command, String line) {
        List<CommandEffect> out = new ArrayList<>(3);
        if (command.resumes()) {
            out.add(new Print(line));
            out.add(new Debug("Resume processing commands"));
            out.add(new ResumeCommands(command.name()));
            return out;
        }
        if (!command.isKnown()) {
            out.add(new Unknown(command.name(), line));
            return out;
        }
        String name = command.name().toLowerCase(Locale.ROOT);
        if (name.equals(CommandParser.STOP_COMMANDS)) {
            stop(command, line, out);
            return out;
        }
        if (echo && !OMIT_ECHO.contains(name)) {
            out.add(new Print(line));
        }
        String value = command.value();
        switch (name) {
            case "add-mask" -> {
                if (value.isBlank()) {
                    out.add(warning(EMPTY_MASK));
                } else {
                    if (echo) {
                        out.add(new Print("::add-mask::***"));
                    }
                    out.add(new AddMask(value));
                }
            }
            case "group" -> out.add(new Group(value));
            case "endgroup" -> out.add(new EndGroup());
            case "debug" -> out.add(new Debug(value));
            case "notice" -> annotate(Annotation.Level.NOTICE, command, out);
            case "warning" -> annotate(Annotation.Level.WARNING, command, out);
            case "error" -> annotate(Annotation.Level.ERROR, command, out);
            case "echo" -> echo(value, line, out);
            case "set-output" -> {
                out.add(warning(DEPRECATED.formatted("set-output")));
                String key = command.property("name");
                if (key == null || key.isEmpty()) {
                    out.add(new Rejected(line, MISSING_NAME.formatted("set-output")));
                } else {
                    out.add(new SetOutput(key, value));
                }
            }
            case "save-state" -> {
                out.add(warning(DEPRECATED.formatted("save-state")));
                String key = command.property("name");
                if (key == null || key.isEmpty()) {
                    out.add(new Rejected(line, MISSING_NAME.formatted("save-state")));
                } else {
                    out.add(new SaveState(key, value));
                }
            }
            case "set-env" -> setEnv(command, line, out);
            case "add-path" -> {
                if (!policy.allowUnsecureCommands()) {
                    out.add(new Rejected(line, DISABLED.formatted("add-path")));
                } else if (value.isEmpty()) {
                    out.add(new Rejected(line, VALUE_NULL.formatted("path")));
                } else {
                    out.add(new AddPath(value));
                }
            }
            case "add-matcher", "remove-matcher" -> out.add(new Unsupported(name, line));
            default -> out.add(new Unknown(command.name(), line));
        }
        return out;
    }

    /** Whether command lines are echoed now. */
    public boolean echo() {
        return echo;
    }

    /** Whether commands are paused by {@code ::stop-commands::}. */
    public boolean stopped() {
        return parser.stopped();
    }

    private void stop(WorkflowCommand command, String line, List<CommandEffect> out) {
        String token = command.value();
        if (!CommandParser.acceptsStopToken(token, policy.allowUnsecureStopTokens())) {
            out.add(new Rejected(line, STOP_TOKEN_REFUSED));
            return;
        }
        if (token.length() > MASKED_STOP_TOKEN_LENGTH) {
            out.add(new AddMask(token));
        }
        out.add(new Print(line));
        out.add(new StopCommands(token));
        out.add(new Debug("Paused processing commands until the token you called ::stopCommands:: with is output again."));
    }

    private void echo(String value, String line, List<CommandEffect> out) {
        if (value.isEmpty()) {
            out.add(new Rejected(line, VALUE_NULL.formatted("value")));
            return;
        }
        switch (value.strip().toUpperCase(Locale.ROOT)) {
            case "ON" -> {
                echo = true;
                out.add(new Echo(true));
                out.add(new Debug("Setting echo command value to 'on'"));
            }
            case "OFF" -> {
                echo = false;
                out.add(new Echo(false));
                out.add(new Debug("Setting echo command value to 'off'"));
            }
            default -> out.add(new Rejected(line, INVALID_ECHO.formatted(value)));
        }
    }

    private void setEnv(WorkflowCommand command, String line, List<CommandEffect> out) {
        if (!policy.allowUnsecureCommands()) {
            out.add(new Rejected(line, DISABLED.formatted("set-env")));
            return;
        }
        String key = command.property("name");
        if (key == null || key.isEmpty()) {
            out.add(new Rejected(line, MISSING_NAME.formatted("set-env")));
        } else if (key.equalsIgnoreCase(FileCommands.NODE_OPTIONS)) {
            out.add(new Annotate(Annotation.of(Annotation.Level.ERROR,
                    SET_ENV_BLOCKED.formatted(FileCommands.NODE_OPTIONS))));
        } else {
            out.add(new SetEnv(key, command.value()));
            out.add(new Debug(key + "='" + command.value() + "'"));
        }
    }

    /**
     * An annotation with GitHub's corrections of inconsistent positions: an end without a start becomes
     * the start, columns need a line and a single line, an end before its start is dropped. Each
     * correction is reported as a debug message, as the runner does.
     */
    private void annotate(Annotation.Level level, WorkflowCommand command, List<CommandEffect> out) {
        Map<String, String> p = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        p.putAll(command.properties());
        String name = command.name();
        String line = p.get("line");
        String endLine = p.get("endLine");
        // As in the runner: numbers that do not parse count as 0 and their flag stays false.
        boolean hasStartLine = number(line) != null;
        boolean hasEndLine = number(endLine) != null;
        boolean hasStartColumn = number(p.get("col")) != null;
        boolean hasEndColumn = number(p.get("endColumn")) != null;
        int lineNumber = hasStartLine ? number(line) : 0;
        int endLineNumber = hasEndLine ? number(endLine) : 0;
        int columnNumber = hasStartColumn ? number(p.get("col")) : 0;
        int endColumnNumber = hasEndColumn ? number(p.get("endColumn")) : 0;
        boolean hasColumn = hasStartColumn || hasEndColumn;

        if (hasEndLine && !hasStartLine) {
            out.add(new Debug("Invalid " + name + " command value. 'endLine' can only be set if 'line' is provided"));
            p.put("line", endLine);
            hasStartLine = true;
            line = endLine;
        }
        if (hasEndColumn && !hasStartColumn) {
            out.add(new Debug("Invalid " + name + " command value. 'endColumn' can only be set if 'col' is provided"));
            p.put("col", p.get("endColumn"));
            hasStartColumn = true;
        }
        if (!hasStartLine && hasColumn) {
            out.add(new Debug("Invalid " + name + " command value. 'col' and 'endColumn' can only be set if 'line' "
                    + "value is provided."));
            p.remove("col");
            p.remove("endColumn");
        }
        if (hasEndLine && !Objects.equals(line, endLine) && hasColumn) {
            out.add(new Debug("Invalid " + name + " command value. 'col' and 'endColumn' cannot be set if 'line' "
                    + "and 'endLine' are different values."));
            p.remove("col");
            p.remove("endColumn");
        }
        if (hasStartLine && hasEndLine && endLineNumber < lineNumber) {
            out.add(new Debug("Invalid " + name + " command value. 'endLine' cannot be less than 'line'."));
            p.remove("line");
            p.remove("endLine");
        }
        if (hasStartColumn && hasEndColumn && endColumnNumber < columnNumber) {
            out.add(new Debug("Invalid " + name + " command value. 'endColumn' cannot be less than 'col'."));
            p.remove("col");
            p.remove("endColumn");
        }
        out.add(new Annotate(new Annotation(level, command.value(), p.get("title"), relativeFile(p.get("file")),
                number(p.get("line")), number(p.get("endLine")), number(p.get("col")), number(p.get("endColumn")))));
    }

    /** An absolute path under the workspace becomes relative to it, with {@code /}, as GitHub shows it. */
    private String relativeFile(String file) {
        String workspace = policy.workspace();
        if (file == null || file.isEmpty() || workspace == null || workspace.isEmpty()) {
            return file == null || file.isEmpty() ? null : file;
        }
        String root = workspace.endsWith("/") ? workspace : workspace + "/";
        if (file.startsWith(root) && file.length() > root.length()) {
            return file.substring(root.length());
        }
        return file;
    }

    /** .NET's {@code int.TryParse}: surrounding white space and a sign allowed; anything else is no number. */
    static Integer number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Annotate warning(String message) {
        return new Annotate(Annotation.of(Annotation.Level.WARNING, message));
    }
}
