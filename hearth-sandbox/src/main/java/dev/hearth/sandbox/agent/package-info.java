/**
 * The exec agent: a small native program ({@code src/main/c/hearth-agent.c}, built into the jar when a
 * C compiler is present) that runs commands for a sandbox over one framed byte stream, so a step costs
 * one fork+exec instead of a JVM process spawn. {@link dev.hearth.sandbox.agent.AgentBinary} finds
 * and unpacks it; {@link dev.hearth.sandbox.agent.AgentClient} speaks its protocol. The same protocol
 * is meant for VM guests later (virtio-serial, vsock).
 */
package dev.hearth.sandbox.agent;
