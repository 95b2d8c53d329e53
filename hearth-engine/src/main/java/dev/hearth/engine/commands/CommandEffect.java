package dev.hearth.engine.commands;

import java.util.ArrayList;
import java.util.List;

/**
 * Something the engine must do because of a line of a step's output, in the order given. Texts are
 * not masked yet: the engine masks everything it logs (and must apply {@link AddMask} before logging
 * anything that follows it).
 */
public sealed interface CommandEffect {

    /** A line of plain program output, to be logged as it is. */
    record Output(String text) implements CommandEffect {
    }

    /**
     * A command line shown in the log as the runner shows it: echoed because echo is on, the
     * stop/resume lines, {@code ::add-mask::***}.
     */
    record Print(String text) implements CommandEffect {
    }

    /** Register a secret: from now on it is masked everywhere. */
    record AddMask(String value) implements CommandEffect {
    }

    /** Open a collapsible group in the log. */
    record Group(String title) implements CommandEffect {
    }

    /** Close the current group. */
    record EndGroup() implements CommandEffect {
    }

    /** A debug message, shown only when step debug logging is on. */
    record Debug(String message) implements CommandEffect {
    }

    /** A notice, warning or error annotation (also the runner's own, such as deprecation warnings). */
    record Annotate(Annotation annotation) implements CommandEffect {
    }

    /** The deprecated {@code ::set-output::}: sets a step output. */
    record SetOutput(String name, String value) implements CommandEffect {
    }

    /** The deprecated {@code ::save-state::}: saves state for the action's post step. */
    record SaveState(String name, String value) implements CommandEffect {
    }

    /** {@code ::set-env::}, only when unsecure commands are allowed: sets an env variable for later steps. */
    record SetEnv(String name, String value) implements CommandEffect {
    }

    /** {@code ::add-path::}, only when unsecure commands are allowed: prepends to PATH for later steps. */
    record AddPath(String path) implements CommandEffect {
    }

    /** {@code ::echo::on|off}: whether following command lines are echoed (the effects already apply it). */
    record Echo(boolean on) implements CommandEffect {
    }

    /** Command processing pauses until a line {@code ::token::}. */
    record StopCommands(String token) implements CommandEffect {
    }

    /** Command processing resumes. */
    record ResumeCommands(String token) implements CommandEffect {
    }

    /**
     * A command GitHub refuses or cannot process: the step fails, with GitHub's two errors.
     *
     * @param command what GitHub names in its first error: the command line, or only the command's name
     *                for commands whose lines are never echoed ({@code add-mask})
     * @param reason  GitHub's message for why
     */
    record Rejected(String command, String reason) implements CommandEffect {
        /** The error annotations GitHub shows, in order. */
        public List<String> errors() {
            List<String> errors = new ArrayList<>(2);
            errors.add("Unable to process command '" + command + "' successfully.");
            errors.add(reason);
            return errors;
        }
    }

    /** A command GitHub knows but Hearth does not carry out (problem matchers); the line is not logged. */
    record Unsupported(String command, String line) implements CommandEffect {
    }

    /** A {@code ::name::} line whose name GitHub does not know: on GitHub it is plain output. */
    record Unknown(String name, String line) implements CommandEffect {
    }
}
