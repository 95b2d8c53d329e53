package dev.hearth.engine.job;

import dev.hearth.engine.LogLine;
import dev.hearth.engine.commands.CommandEffect;
import dev.hearth.engine.commands.CommandEffects;
import dev.hearth.engine.commands.CommandPolicy;
import dev.hearth.engine.mask.SecretMasker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries out the workflow commands a step prints ({@code ::add-mask::}, {@code ::group::},
 * {@code ::error file=…::}…) as its output lines arrive, and logs every other line. Lines come one at
 * a time (the line assembler serializes stdout and stderr), so a mask added by one line covers the next.
 */
final class StepCommands {
    private final SecretMasker masker;
    private final JobLog.StepLog log;
    private final CommandEffects effects;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> state = new LinkedHashMap<>();
    private final List<String> path = new ArrayList<>();
    private String failure;

    StepCommands(SecretMasker masker, JobLog.StepLog log, CommandPolicy policy) {
        this.masker = masker;
        this.log = log;
        this.effects = new CommandEffects(policy);
    }

    void line(LogLine.Source source, String text) {
        for (CommandEffect effect : effects.line(text)) {
            switch (effect) {
                case CommandEffect.Output o -> log.line(source, LogLine.Kind.OUTPUT, o.text());
                case CommandEffect.Print p -> log.line(source, LogLine.Kind.COMMAND, p.text());
                case CommandEffect.AddMask m -> masker.add(m.value());
                case CommandEffect.Group g -> log.line(source, LogLine.Kind.GROUP, g.title());
                case CommandEffect.EndGroup e -> log.line(source, LogLine.Kind.ENDGROUP, "");
                case CommandEffect.Debug d -> log.line(source, LogLine.Kind.DEBUG, d.message());
                case CommandEffect.Annotate a -> log.annotate(a.annotation());
                case CommandEffect.SetOutput o -> outputs.put(o.name(), o.value());
                case CommandEffect.SaveState s -> state.put(s.name(), s.value());
                case CommandEffect.SetEnv e -> env.put(e.name(), e.value());
                case CommandEffect.AddPath p -> path.add(p.path());
                case CommandEffect.Echo e -> {
                    // CommandEffects already echoes the lines that follow
                }
                case CommandEffect.StopCommands s -> {
                }
                case CommandEffect.ResumeCommands r -> {
                }
                case CommandEffect.Rejected r -> {
                    for (String error : r.errors()) {
                        log.error(error);
                    }
                    if (failure == null) {
                        failure = String.join(" ", r.errors());
                    }
                }
                case CommandEffect.Unsupported u -> log.line(LogLine.Source.RUNNER, LogLine.Kind.DEBUG,
                        "Hearth does not carry out '" + u.command() + "' yet; ignored");
                case CommandEffect.Unknown u -> log.line(source, LogLine.Kind.OUTPUT, u.line());
            }
        }
    }

    /** Outputs set with the deprecated {@code ::set-output::}. */
    Map<String, String> outputs() {
        return outputs;
    }

    /** State saved with the deprecated {@code ::save-state::}, for an action's later parts. */
    Map<String, String> state() {
        return state;
    }

    /** Variables set with {@code ::set-env::} where unsecure commands are allowed. */
    Map<String, String> env() {
        return env;
    }

    /** Paths added with {@code ::add-path::} where unsecure commands are allowed, in the order given. */
    List<String> path() {
        return path;
    }

    /** Why a command made the step fail, or null. */
    String failure() {
        return failure;
    }
}
