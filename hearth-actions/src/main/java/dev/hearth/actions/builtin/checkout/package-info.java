/**
 * The built-in {@code actions/checkout}: a repository built on the host with JGit (an empty
 * repository, a shallow or full fetch from Hearth's clone or from the server URL, refs and HEAD set as
 * the real action sets them, submodules) and copied into the sandbox's workspace. The token fetches on
 * the host and never reaches the workspace.
 */
package dev.hearth.actions.builtin.checkout;
