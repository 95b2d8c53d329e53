/**
 * Host process plumbing shared by the backends that run commands as host processes (directly or
 * through {@code nsenter}): every command leads its own process group; its stdout and stderr are
 * pumped into an {@link dev.hearth.sandbox.OutputSink} as bytes arrive; a timeout or a kill reaches
 * the whole group; signals other than TERM and KILL go through the system's {@code kill}; and a
 * {@link dev.hearth.sandbox.process.Reaper} watchdog kills what is left when the JVM itself is killed
 * and no shutdown hook runs. Processes that leave their group are still found by the
 * {@link dev.hearth.sandbox.process.SandboxMarker} in their environment.
 */
package dev.hearth.sandbox.process;
