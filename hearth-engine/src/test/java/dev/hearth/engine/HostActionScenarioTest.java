package dev.hearth.engine;

import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;

/** The action scenarios on the host backend. */
class HostActionScenarioTest extends ActionScenarios {
    @Override
    SandboxBackend backend() {
        return Backends.named("host");
    }
}
