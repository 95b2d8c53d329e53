package dev.hearth.engine;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.Backends;
import dev.hearth.sandbox.SandboxBackend;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The bubblewrap backend for the scenario tests that run on it. */
final class BwrapCheck {
    private BwrapCheck() {
    }

    /** The bwrap backend; the calling test is skipped, with the reason, where bwrap cannot run. */
    static SandboxBackend backendOrSkip() {
        SandboxBackend bwrap = Backends.named("bwrap");
        Availability a = bwrap.availability();
        assumeTrue(a.available(), "bwrap backend not available: " + a.reason());
        return bwrap;
    }
}
