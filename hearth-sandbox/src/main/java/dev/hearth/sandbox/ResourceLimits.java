package dev.hearth.sandbox;

/**
 * Resource limits for a sandbox; zero means no limit. Backends that cannot enforce a limit ignore it
 * and do not claim {@link BackendInfo.Capability#RESOURCE_LIMITS}.
 *
 * @param cpus        virtual CPUs (VM backends)
 * @param memoryBytes memory
 * @param diskBytes   writable disk (VM backends)
 */
public record ResourceLimits(int cpus, long memoryBytes, long diskBytes) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0, 0);
}
