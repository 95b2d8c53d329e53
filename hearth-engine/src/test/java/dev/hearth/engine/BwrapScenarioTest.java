package dev.hearth.engine;

import dev.hearth.sandbox.SandboxBackend;

/** The scenarios in bubblewrap namespaces; skipped, with the reason, where bwrap cannot run. */
class BwrapScenarioTest extends EngineScenarios {
    @Override
    SandboxBackend backend() {
        return BwrapCheck.backendOrSkip();
    }
}
