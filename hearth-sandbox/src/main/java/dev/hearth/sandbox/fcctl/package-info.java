/**
 * The {@code fcctl} backend: sandboxes that are VMs of a remote fcctl-web server, the VM-management
 * API the seed used. {@link dev.hearth.sandbox.fcctl.FcctlClient} speaks the API (create, status,
 * execute, snapshot, rollback, delete, health) with a Bearer token and per-call timeouts that follow
 * each command's own; {@link dev.hearth.sandbox.fcctl.FcctlSandbox} maps the
 * {@link dev.hearth.sandbox.Sandbox} operations onto bash scripts run through {@code execute}, which
 * does not stream (a command's output arrives when it ends); {@link dev.hearth.sandbox.fcctl.FcctlBackend}
 * makes them and deletes every VM it made, also when anything goes wrong on the way.
 */
package dev.hearth.sandbox.fcctl;
