/**
 * Where an action's files come from. {@link dev.hearth.actions.resolve.DefaultActionResolver} turns a
 * {@code uses:} value into a folder on the host: the workspace for {@code ./path}, else, for
 * {@code owner/repo[/path]@ref}, an offline mirror, the cache of fetched commits
 * ({@link dev.hearth.actions.resolve.ActionSources} names both), or a JGit fetch resolving the ref as
 * GitHub does (tag, branch or full SHA; abbreviated SHAs refused), written into the cache in one atomic
 * rename. {@link dev.hearth.actions.resolve.ManifestReader} reads the folder's {@code action.yml} with
 * the workflow module's YAML loader and rules kept as data ({@code action-schema.yml}), so every problem
 * is reported at its line and column.
 */
package dev.hearth.actions.resolve;
