/**
 * The microVM backends: {@code qemu} (where a QEMU VM is made and destroyed) and {@code firecracker},
 * the guest image both boot ({@code image}), and what their connections to the guest agent share.
 * Each backend brings a VM up, connects a byte stream to its agent, and hands out an
 * {@link dev.hearth.sandbox.agent.AgentSandbox} over it.
 */
package dev.hearth.sandbox.vm;
