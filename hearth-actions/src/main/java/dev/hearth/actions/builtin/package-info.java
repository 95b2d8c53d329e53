/**
 * Native implementations of the actions that depend on GitHub's service side:
 * {@code actions/checkout} (from Hearth's own clone of the event's repository),
 * {@code actions/cache} with {@code cache/restore} and {@code cache/save} (a cache store on the host),
 * and {@code actions/upload-artifact} and {@code actions/download-artifact} (an artifact store per run).
 * Each is a {@link dev.hearth.actions.builtin.BuiltinAction} that works on the sandbox through the
 * sandbox interface only (copy in, copy out, run a command), so it behaves the same on every backend.
 * {@link dev.hearth.actions.builtin.Builtins#standard()} registers them all; sub-packages hold each
 * action and its host store, and {@code files} the path matching and copying they share.
 */
package dev.hearth.actions.builtin;
