package dev.hearth.engine.commands;

import java.util.Locale;
import java.util.Map;

/**
 * What a step's workflow commands are allowed to do, and how they are shown.
 *
 * @param allowUnsecureCommands   {@code ACTIONS_ALLOW_UNSECURE_COMMANDS}: re-enables {@code ::set-env::}
 *                                and {@code ::add-path::}, disabled on GitHub since 2020
 * @param allowUnsecureStopTokens {@code ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS}: lets
 *                                {@code ::stop-commands::} take an empty token, {@code pause-logging} or
 *                                a command's name
 * @param echo                    whether command lines are echoed to the log from the start (GitHub
 *                                does so when step debug logging is on; {@code ::echo::} changes it)
 * @param workspace               {@code github.workspace} in the sandbox; an annotation's absolute
 *                                {@code file} under it becomes relative, as GitHub shows it; may be null
 */
public record CommandPolicy(boolean allowUnsecureCommands, boolean allowUnsecureStopTokens, boolean echo,
                            String workspace) {

    public static final String ALLOW_UNSECURE_COMMANDS = "ACTIONS_ALLOW_UNSECURE_COMMANDS";
    public static final String ALLOW_UNSECURE_STOP_TOKENS = "ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS";

    /** Nothing unsecure allowed, no echo, no workspace. */
    public static final CommandPolicy DEFAULT = new CommandPolicy(false, false, false, null);

    /**
     * The policy a step's environment asks for. The runner reads the two switches from its own process
     * environment and from the step's {@code env} context; Hearth has only the latter. The first switch
     * is read as .NET's {@code bool.TryParse} does ({@code true}, any case), the second as the runner's
     * {@code ConvertToBoolean} ({@code true}, {@code 1} or {@code $true}).
     *
     * @param env       the step's environment (workflow, job and step {@code env})
     * @param stepDebug whether step debug logging is on ({@code ACTIONS_STEP_DEBUG})
     * @param workspace {@code github.workspace}, or null
     */
    public static CommandPolicy fromEnvironment(Map<String, String> env, boolean stepDebug, String workspace) {
        String commands = env.get(ALLOW_UNSECURE_COMMANDS);
        String tokens = env.get(ALLOW_UNSECURE_STOP_TOKENS);
        boolean allowCommands = commands != null && commands.strip().equalsIgnoreCase("true");
        boolean allowTokens = tokens != null && switch (tokens.toLowerCase(Locale.ROOT)) {
            case "1", "true", "$true" -> true;
            default -> false;
        };
        return new CommandPolicy(allowCommands, allowTokens, stepDebug, workspace);
    }
}
