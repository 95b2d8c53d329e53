/**
 * The {@code firecracker} backend: each sandbox is a Firecracker microVM (started directly or through
 * the jailer) configured over its API socket with a small HTTP/1.1 client
 * ({@link dev.hearth.sandbox.vm.firecracker.FirecrackerApi}), booting the shared guest (kernel, initramfs,
 * optional root filesystem) whose exec agent listens on a vsock port; the host reaches it through
 * Firecracker's vsock unix socket ({@code CONNECT <port>}) and hands the stream to
 * {@link dev.hearth.sandbox.agent.AgentSandbox}. Every VM lives in a private folder under the state
 * folder that names its owner and its process, so a VM never outlives Hearth: the
 * {@link dev.hearth.sandbox.process.Reaper} kills it when the JVM dies, and
 * {@link dev.hearth.sandbox.vm.firecracker.FirecrackerBackend#sweep()} removes what a crash left. Snapshots
 * pause a booted VM and save it; a restore loads the files into a fresh process and resumes it.
 */
package dev.hearth.sandbox.vm.firecracker;
