/**
 * The named values expressions see and the variables processes see: the {@code github} context from
 * the event payload and the repository (read with JGit), {@code runner}, and the GITHUB_* and RUNNER_*
 * environment variables GitHub sets, the step ids GitHub generates, plus the conversions between Java
 * data and expression values.
 */
package dev.hearth.engine.context;
