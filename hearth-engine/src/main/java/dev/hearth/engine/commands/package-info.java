/**
 * How a step talks to the runner, read exactly as GitHub's runner reads it. A step's output bytes become
 * lines ({@link dev.hearth.engine.commands.LineAssembler}); a line may carry a workflow command
 * ({@code ::error file=a.c,line=3::msg}, the legacy {@code ##[warning]msg}), which
 * {@link dev.hearth.engine.commands.CommandParser} reads — honouring {@code ::stop-commands::} — and
 * {@link dev.hearth.engine.commands.CommandEffects} turns into {@link dev.hearth.engine.commands.CommandEffect}
 * values the engine applies (mask a value, open a group, raise an annotation, set an output, fail the
 * step with GitHub's message). After the step, {@link dev.hearth.engine.commands.FileCommands} reads the
 * files it wrote: GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE (with heredocs), GITHUB_PATH and the step summary.
 */
package dev.hearth.engine.commands;
