/**
 * What a {@code uses:} step names, made runnable. An {@link dev.hearth.actions.ActionResolver} turns a
 * {@code uses:} value into a {@link dev.hearth.actions.ResolvedAction}: a folder on the host holding
 * the action's files and its parsed {@link dev.hearth.actions.ActionManifest} ({@code action.yml}),
 * taken from the workspace (local), an offline mirror, the cache by commit SHA, or a git fetch
 * (remote). Sub-packages: {@code builtin} (native checkout, cache and artifacts, which depend on
 * GitHub's service side) and {@code llm} (an LLM translates a step that cannot be obtained any other
 * way into shell commands). The engine runs what this module resolves; nothing here starts a step.
 */
package dev.hearth.actions;
