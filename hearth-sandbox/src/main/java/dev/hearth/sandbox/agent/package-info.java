/**
 * The exec agent: a small native program ({@code src/main/c/hearth-agent.c}, built into the jar when a
 * C compiler is present) that runs commands for a sandbox over one framed byte stream, so a step costs
 * one fork+exec instead of a JVM process spawn. {@link dev.hearth.sandbox.agent.AgentBinary} finds
 * and unpacks it; {@link dev.hearth.sandbox.agent.AgentClient} speaks its protocol over any byte stream
 * (the agent's own process here, a virtio-serial port or a vsock connection of a VM guest); and
 * {@link dev.hearth.sandbox.agent.AgentSandbox} is a whole sandbox reached through the agent alone,
 * commands and files, which is what the VM backends hand out.
 */
package dev.hearth.sandbox.agent;
