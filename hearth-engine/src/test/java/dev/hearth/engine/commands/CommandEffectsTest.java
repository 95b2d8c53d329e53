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
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.hearth.engine.commands.Annotation.Level.ERROR;
import static dev.hearth.engine.commands.Annotation.Level.NOTICE;
import static dev.hearth.engine.commands.Annotation.Level.WARNING;
import static org.assertj.core.api.Assertions.assertThat;

class CommandEffectsTest {
    private final CommandEffects effects = new CommandEffects();

    private static Annotate warning(String message) {
        return new Annotate(Annotation.of(WARNING, message));
    }

    @Test
    void plainOutputStaysOutput() {
        assertThat(effects.line("hello")).containsExactly(new Output("hello"));
        assertThat(effects.line("")).containsExactly(new Output(""));
    }

    @Test
    void groupsDebugAndMasks() {
        assertThat(effects.line("::group::Build it")).containsExactly(new Group("Build it"));
        assertThat(effects.line("::endgroup::")).containsExactly(new EndGroup());
        assertThat(effects.line("::debug::x=%25")).containsExactly(new Debug("x=%"));
        assertThat(effects.line("::add-mask::s3cret")).containsExactly(new AddMask("s3cret"));
        assertThat(effects.line("::add-mask::  ")).containsExactly(
                warning("Can't add secret mask for empty string in ##[add-mask] command."));
    }

    @Test
    void annotationsCarryTheirPositions() {
        assertThat(effects.line("::error file=src/a.c,line=3,endLine=3,col=5,endColumn=9,title=Oops::Bad%0Athing"))
                .containsExactly(new Annotate(new Annotation(ERROR, "Bad\nthing", "Oops", "src/a.c", 3, 3, 5, 9)));
        assertThat(effects.line("::warning::careful")).containsExactly(new Annotate(Annotation.of(WARNING, "careful")));
        assertThat(effects.line("::notice title=FYI::note")).containsExactly(
                new Annotate(new Annotation(NOTICE, "note", "FYI", null, null, null, null, null)));
    }

    @Test
    void badNumbersAreIgnored() {
        assertThat(effects.line("::error file=a.c,line=three,col= 7 ::m")).containsExactly(
                new Debug("Invalid error command value. 'col' and 'endColumn' can only be set if 'line' value is provided."),
                new Annotate(new Annotation(ERROR, "m", null, "a.c", null, null, null, null)));
        assertThat(effects.line("::error line= 12 ::m")).containsExactly(
                new Annotate(new Annotation(ERROR, "m", null, null, 12, null, null, null)));
    }

    @Test
    void inconsistentPositionsAreCorrectedAsGitHubDoes() {
        assertThat(effects.line("::warning endLine=4::m")).containsExactly(
                new Debug("Invalid warning command value. 'endLine' can only be set if 'line' is provided"),
                new Annotate(new Annotation(WARNING, "m", null, null, 4, 4, null, null)));
        assertThat(effects.line("::warning line=2,endColumn=6::m")).containsExactly(
                new Debug("Invalid warning command value. 'endColumn' can only be set if 'col' is provided"),
                new Annotate(new Annotation(WARNING, "m", null, null, 2, null, 6, 6)));
        assertThat(effects.line("::warning line=1,endLine=2,col=1,endColumn=2::m")).containsExactly(
                new Debug("Invalid warning command value. 'col' and 'endColumn' cannot be set if 'line' and 'endLine' "
                        + "are different values."),
                new Annotate(new Annotation(WARNING, "m", null, null, 1, 2, null, null)));
        assertThat(effects.line("::warning line=5,endLine=2::m")).containsExactly(
                new Debug("Invalid warning command value. 'endLine' cannot be less than 'line'."),
                new Annotate(Annotation.of(WARNING, "m")));
        assertThat(effects.line("::warning line=5,col=9,endColumn=3::m")).containsExactly(
                new Debug("Invalid warning command value. 'endColumn' cannot be less than 'col'."),
                new Annotate(new Annotation(WARNING, "m", null, null, 5, null, null, null)));
    }

    @Test
    void fileUnderTheWorkspaceBecomesRelative() {
        CommandEffects inWorkspace = new CommandEffects(new CommandPolicy(false, false, false, "/work/repo"));
        assertThat(inWorkspace.line("::error file=/work/repo/src/a.c,line=1::m")).containsExactly(
                new Annotate(new Annotation(ERROR, "m", null, "src/a.c", 1, null, null, null)));
        assertThat(inWorkspace.line("::error file=/elsewhere/a.c::m")).containsExactly(
                new Annotate(new Annotation(ERROR, "m", null, "/elsewhere/a.c", null, null, null, null)));
        assertThat(inWorkspace.line("::error file=/work/repository/a.c::m")).containsExactly(
                new Annotate(new Annotation(ERROR, "m", null, "/work/repository/a.c", null, null, null, null)));
    }

    @Test
    void setOutputAndSaveStateWorkWithADeprecationWarning() {
        assertThat(effects.line("::set-output name=color::green")).containsExactly(
                warning(CommandEffects.DEPRECATED.formatted("set-output")), new SetOutput("color", "green"));
        assertThat(effects.line("::save-state name=pid::42")).containsExactly(
                warning(CommandEffects.DEPRECATED.formatted("save-state")), new SaveState("pid", "42"));
        assertThat(CommandEffects.DEPRECATED.formatted("set-output")).isEqualTo("The `set-output` command is deprecated "
                + "and will be disabled soon. Please upgrade to using Environment Files. For more information see: "
                + "https://github.blog/changelog/2022-10-11-github-actions-deprecating-save-state-and-set-output-commands/");
    }

    @Test
    void setOutputWithoutANameFailsTheStep() {
        String line = "::set-output::green";
        List<CommandEffect> out = effects.line(line);
        assertThat(out).containsExactly(warning(CommandEffects.DEPRECATED.formatted("set-output")),
                new Rejected(line, "Required field 'name' is missing in ##[set-output] command."));
        assertThat(((Rejected) out.get(1)).errors()).containsExactly(
                "Unable to process command '::set-output::green' successfully.",
                "Required field 'name' is missing in ##[set-output] command.");
    }

    @Test
    void setEnvAndAddPathAreDisabledWithGitHubsMessage() {
        String line = "::set-env name=A::b";
        List<CommandEffect> out = effects.line(line);
        assertThat(out).hasSize(1);
        Rejected rejected = (Rejected) out.getFirst();
        assertThat(rejected.errors()).containsExactly("Unable to process command '::set-env name=A::b' successfully.",
                "The `set-env` command is disabled. Please upgrade to using Environment Files or opt into unsecure "
                        + "command execution by setting the `ACTIONS_ALLOW_UNSECURE_COMMANDS` environment variable to "
                        + "`true`. For more information see: "
                        + "https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/");
        assertThat(effects.line("::add-path::/opt/bin")).containsExactly(
                new Rejected("::add-path::/opt/bin", CommandEffects.DISABLED.formatted("add-path")));
    }

    @Test
    void setEnvAndAddPathWorkWhenUnsecureCommandsAreAllowed() {
        CommandEffects allowed = new CommandEffects(CommandPolicy.fromEnvironment(
                Map.of("ACTIONS_ALLOW_UNSECURE_COMMANDS", "True"), false, null));
        assertThat(allowed.line("::set-env name=GREETING::hi")).containsExactly(
                new SetEnv("GREETING", "hi"), new Debug("GREETING='hi'"));
        assertThat(allowed.line("::set-env name=node_options::--inspect")).containsExactly(
                new Annotate(Annotation.of(ERROR, "Can't update NODE_OPTIONS environment variable using ::set-env:: command.")));
        assertThat(allowed.line("::set-env::x")).containsExactly(
                new Rejected("::set-env::x", "Required field 'name' is missing in ##[set-env] command."));
        assertThat(allowed.line("::add-path::/opt/tool/bin")).containsExactly(new AddPath("/opt/tool/bin"));
        assertThat(allowed.line("::add-path::")).containsExactly(
                new Rejected("::add-path::", "Value cannot be null. (Parameter 'path')"));
    }

    @Test
    void policyReadsTheSwitchesAsTheRunnerDoes() {
        assertThat(CommandPolicy.fromEnvironment(Map.of("ACTIONS_ALLOW_UNSECURE_COMMANDS", " TRUE "), false, null)
                .allowUnsecureCommands()).isTrue();
        assertThat(CommandPolicy.fromEnvironment(Map.of("ACTIONS_ALLOW_UNSECURE_COMMANDS", "1"), false, null)
                .allowUnsecureCommands()).isFalse();
        assertThat(CommandPolicy.fromEnvironment(Map.of("ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS", "1"), false, null)
                .allowUnsecureStopTokens()).isTrue();
        assertThat(CommandPolicy.fromEnvironment(Map.of("ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS", "yes"), false, null)
                .allowUnsecureStopTokens()).isFalse();
        assertThat(CommandPolicy.fromEnvironment(Map.of(), true, "/w")).isEqualTo(new CommandPolicy(false, false, true, "/w"));
    }

    @Test
    void echoShowsCommandLinesExceptThoseThatShowThemselves() {
        assertThat(effects.line("::echo::on")).containsExactly(new Echo(true), new Debug("Setting echo command value to 'on'"));
        assertThat(effects.echo()).isTrue();
        assertThat(effects.line("::group::G")).containsExactly(new Print("::group::G"), new Group("G"));
        assertThat(effects.line("::set-output name=a::b")).startsWith(new Print("::set-output name=a::b"));
        assertThat(effects.line("::warning::w")).containsExactly(new Annotate(Annotation.of(WARNING, "w")));
        assertThat(effects.line("::debug::d")).containsExactly(new Debug("d"));
        assertThat(effects.line("::add-mask::hidden")).containsExactly(new Print("::add-mask::***"), new AddMask("hidden"));
        assertThat(effects.line("::set-env name=A::b").getFirst()).isEqualTo(new Print("::set-env name=A::b"));
        assertThat(effects.line(" ::ECHO:: Off ")).containsExactly(new Print(" ::ECHO:: Off "), new Echo(false),
                new Debug("Setting echo command value to 'off'"));
        assertThat(effects.line("::group::G")).containsExactly(new Group("G"));
    }

    @Test
    void stepDebugTurnsEchoOnFromTheStart() {
        CommandEffects debugging = new CommandEffects(new CommandPolicy(false, false, true, null));
        assertThat(debugging.line("::endgroup::")).containsExactly(new Print("::endgroup::"), new EndGroup());
    }

    @Test
    void invalidEchoValuesFailTheStep() {
        assertThat(effects.line("::echo::maybe")).containsExactly(new Rejected("::echo::maybe",
                "Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: 'maybe'."));
        assertThat(effects.line("::echo::")).containsExactly(
                new Rejected("::echo::", "Value cannot be null. (Parameter 'value')"));
    }

    @Test
    void stopAndResumeAreShownAndALongTokenIsMasked() {
        String token = "a1b2c3d4e5";
        assertThat(effects.line("::stop-commands::" + token)).containsExactly(new AddMask(token),
                new Print("::stop-commands::" + token), new StopCommands(token),
                new Debug("Paused processing commands until the token you called ::stopCommands:: with is output again."));
        assertThat(effects.stopped()).isTrue();
        assertThat(effects.line("::error::no")).containsExactly(new Output("::error::no"));
        assertThat(effects.line("::" + token + "::")).containsExactly(new Print("::" + token + "::"),
                new Debug("Resume processing commands"), new ResumeCommands(token));
        assertThat(effects.stopped()).isFalse();
        assertThat(effects.line("::stop-commands::short")).doesNotHaveAnyElementsOfTypes(AddMask.class)
                .contains(new StopCommands("short"));
    }

    @Test
    void anUnsafeStopTokenIsRefusedWithGitHubsMessage() {
        assertThat(effects.line("::stop-commands::group")).containsExactly(
                new Rejected("::stop-commands::group", CommandEffects.STOP_TOKEN_REFUSED));
        assertThat(effects.stopped()).isFalse();
        assertThat(effects.line("::group::still a group")).containsExactly(new Group("still a group"));
    }

    @Test
    void aTokenEqualToACommandNameResumesInsteadOfRunningWhenAllowed() {
        CommandEffects allowed = new CommandEffects(CommandPolicy.fromEnvironment(
                Map.of("ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS", "true"), false, null));
        assertThat(allowed.line("::stop-commands::group")).contains(new StopCommands("group"));
        assertThat(allowed.line("::group::not a group")).containsExactly(new Print("::group::not a group"),
                new Debug("Resume processing commands"), new ResumeCommands("group"));
        assertThat(allowed.line("::group::a group")).containsExactly(new Group("a group"));
    }

    @Test
    void problemMatchersAreKnownButNotCarriedOut() {
        assertThat(effects.line("::add-matcher::.github/matchers.json")).containsExactly(
                new Unsupported("add-matcher", "::add-matcher::.github/matchers.json"));
        assertThat(effects.line("::remove-matcher owner=eslint::")).containsExactly(
                new Unsupported("remove-matcher", "::remove-matcher owner=eslint::"));
    }

    @Test
    void unknownCommandsAreReportedAsSuch() {
        assertThat(effects.line("::set-environment::x")).containsExactly(new Unknown("set-environment", "::set-environment::x"));
    }
}
