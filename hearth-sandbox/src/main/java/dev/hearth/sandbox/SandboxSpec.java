package dev.hearth.sandbox;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What to make.
 *
 * @param name    a readable name, unique among live sandboxes (used in logs and to find leftovers)
 * @param image   the image or shape for VM backends ({@code default} otherwise)
 * @param hostDir a host directory the backend owns for this sandbox's writable files; it is created
 *                when missing and deleted on destroy
 * @param env     environment every command starts from, before the request's own
 * @param network network access of commands in the sandbox
 * @param limits  resource limits, where the backend can enforce them
 */
public record SandboxSpec(String name, String image, Path hostDir, Map<String, String> env,
                          NetworkPolicy network, ResourceLimits limits) {
    public SandboxSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hostDir, "hostDir");
        image = image == null ? "default" : image;
        env = Map.copyOf(env);
        network = network == null ? NetworkPolicy.NONE : network;
        limits = limits == null ? ResourceLimits.NONE : limits;
    }

    public static SandboxSpec of(String name, Path hostDir) {
        return new SandboxSpec(name, null, hostDir, Map.of(), NetworkPolicy.NONE, ResourceLimits.NONE);
    }

    public SandboxSpec withNetwork(NetworkPolicy policy) {
        return new SandboxSpec(name, image, hostDir, env, policy, limits);
    }

    public SandboxSpec withEnv(Map<String, String> newEnv) {
        return new SandboxSpec(name, image, hostDir, newEnv, network, limits);
    }
}
