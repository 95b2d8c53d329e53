/**
 * Files between a sandbox and the host for the built-in actions: path inputs read with
 * {@code @actions/glob}'s rules ({@link dev.hearth.actions.builtin.files.GlobPattern},
 * {@link dev.hearth.actions.builtin.files.PathPatterns}), their search paths copied out of the sandbox
 * and matched on the host ({@link dev.hearth.actions.builtin.files.SandboxMirror}), sandbox paths as
 * POSIX strings ({@link dev.hearth.actions.builtin.files.SandboxPaths}), and the lock that keeps the
 * host stores safe across threads and processes ({@link dev.hearth.actions.builtin.files.StoreLock}).
 * Only the sandbox interface is used, so the same code serves every backend.
 */
package dev.hearth.actions.builtin.files;
