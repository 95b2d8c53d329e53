package dev.hearth.engine;

import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;

/** The reusable-workflow scenarios on the host backend. */
class HostReusableTest extends ReusableScenarios {
    @Override
    SandboxBackend backend() {
        return Backends.named("host");
    }
}
