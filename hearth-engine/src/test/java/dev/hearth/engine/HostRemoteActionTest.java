package dev.hearth.engine;

import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;

/** Remote actions from git repositories, on the host backend. */
class HostRemoteActionTest extends RemoteActionScenarios {
    @Override
    SandboxBackend backend() {
        return Backends.named("host");
    }
}
