/**
 * Reusable workflows: resolves {@code jobs.<id>.uses} references (local {@code ./.github/workflows/x.yml}
 * against the repository root, remote {@code owner/repo/path@ref} in an actions mirror folder, else through the
 * {@link dev.hearth.workflow.reusable.RemoteFiles} hook; a {@code ./} call inside a remote workflow is a
 * file of that same repository and ref), reads
 * the called files recursively up to GitHub's nesting limit, and checks each call as GitHub does:
 * inputs and secrets (required, undefined, typed, {@code inherit}) and the permissions the called
 * workflow and its jobs request against what the caller grants.
 */
package dev.hearth.workflow.reusable;
