/**
 * Where a VM (or its lighter stand-in) is made and destroyed. The Sandbox SPI knows nothing of
 * workflows: a {@link dev.hearth.sandbox.SandboxBackend} creates a {@link dev.hearth.sandbox.Sandbox}
 * for a {@link dev.hearth.sandbox.SandboxSpec}; a sandbox runs commands with streamed output and an
 * {@link dev.hearth.sandbox.ExitStatus}, reads and writes files, copies trees in and out, and is
 * destroyed exactly once however the run ends. Processes a command leaves behind keep running
 * until the sandbox is destroyed, as background processes do between steps on GitHub's runners.
 * Every live sandbox is tracked by {@link dev.hearth.sandbox.Sandboxes}, which destroys what is left
 * when the JVM shuts down.
 */
package dev.hearth.sandbox;
