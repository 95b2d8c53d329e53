package dev.hearth.engine;

import dev.hearth.sandbox.SandboxBackend;

/** Remote actions from git repositories, in bubblewrap namespaces; skipped, with the reason, without bwrap. */
class BwrapRemoteActionTest extends RemoteActionScenarios {
    @Override
    SandboxBackend backend() {
        return BwrapCheck.backendOrSkip();
    }
}
