package dev.hearth.engine;

import dev.hearth.sandbox.SandboxBackend;

/** The action scenarios in bubblewrap namespaces; skipped, with the reason, where bwrap cannot run. */
class BwrapActionScenarioTest extends ActionScenarios {
    @Override
    SandboxBackend backend() {
        return BwrapCheck.backendOrSkip();
    }
}
