package dev.hearth.engine;

import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;

/** The scenarios on the host backend: plain processes in a work folder. */
class HostScenarioTest extends EngineScenarios {
    @Override
    SandboxBackend backend() {
        return Backends.named("host");
    }
}
