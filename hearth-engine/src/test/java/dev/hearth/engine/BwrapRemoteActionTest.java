package dev.hearth.engine;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;
import org.junit.jupiter.api.BeforeEach;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Remote actions from git repositories, in bubblewrap namespaces; skipped, with the reason, without bwrap. */
class BwrapRemoteActionTest extends RemoteActionScenarios {
    @Override
    SandboxBackend backend() {
        return Backends.named("bwrap");
    }

    @BeforeEach
    @Override
    void setUp() throws Exception {
        Availability a = backend().availability();
        assumeTrue(a.available(), "bwrap backend not available: " + a.reason());
        super.setUp();
    }
}
