package dev.hearth.sandbox;

import dev.hearth.sandbox.host.HostBackend;

/** The host contract on the path a build without a C compiler takes: every command spawned from Java. */
class HostSandboxWithoutAgentTest extends HostSandboxTest {
    @Override
    SandboxBackend backend() {
        return new HostBackend(false);
    }
}
