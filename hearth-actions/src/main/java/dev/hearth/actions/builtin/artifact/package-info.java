/**
 * The built-in {@code actions/upload-artifact} and {@code actions/download-artifact} with v4's
 * semantics, over an {@link dev.hearth.actions.builtin.artifact.ArtifactStore} kept per run on the host:
 * zip archives with their name, size, digest and retention, listed and opened by the server and the
 * CLI through the same class.
 */
package dev.hearth.actions.builtin.artifact;
