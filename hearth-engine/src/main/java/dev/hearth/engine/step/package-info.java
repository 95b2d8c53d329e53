/**
 * Where a step becomes a process: {@link dev.hearth.engine.step.Shells} turns {@code shell:} into a
 * command line GitHub's way, and {@link dev.hearth.engine.step.ScriptStep} writes the script and the
 * command files (GITHUB_ENV, GITHUB_OUTPUT…) into the sandbox, runs it with its environment and
 * timeout, feeds its output lines to the workflow-command handling and reads the files back.
 */
package dev.hearth.engine.step;
