package dev.hearth.sandbox;

import java.util.Set;

/**
 * What a backend gives.
 *
 * @param name         the backend's name
 * @param isolation    how strongly a sandbox is separated from the host
 * @param capabilities optional features
 */
public record BackendInfo(String name, Isolation isolation, Set<Capability> capabilities) {
    public BackendInfo {
        capabilities = Set.copyOf(capabilities);
    }

    /** How strongly a sandbox is separated from the host. */
    public enum Isolation { PROCESS, NAMESPACE, VM }

    /** Optional features of a backend. */
    public enum Capability { NETWORK_POLICY, SNAPSHOTS, KVM, RESOURCE_LIMITS }
}
