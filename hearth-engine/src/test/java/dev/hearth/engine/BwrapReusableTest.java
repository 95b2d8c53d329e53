package dev.hearth.engine;

import dev.hearth.sandbox.SandboxBackend;

/** The reusable-workflow scenarios in bubblewrap namespaces; skipped, with the reason, where bwrap cannot run. */
class BwrapReusableTest extends ReusableScenarios {
    @Override
    SandboxBackend backend() {
        return BwrapCheck.backendOrSkip();
    }
}
