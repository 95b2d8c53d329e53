package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * A Hearth stand-in for {@link FirecrackerJvmDeathTest}: in a JVM of its own, makes a Firecracker
 * sandbox (through the stand-in firecracker under {@code args[0]}) whose guest runs a background
 * {@code sleep} carrying {@code args[1]}, says {@code ready}, and waits to be killed.
 */
public final class FirecrackerHolder {
    private FirecrackerHolder() {
    }

    public static void main(String[] args) throws Exception {
        StandIn standIn = new StandIn(Path.of(args[0]));
        FirecrackerBackend backend = new FirecrackerBackend(standIn.settings());
        Sandbox sandbox = backend.create(SandboxSpec.of("held", standIn.root.resolve("held"))
                .withEnv(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin")));
        sandbox.exec(ExecRequest.of(".", "sh", "-c", "sleep " + args[1] + " >/dev/null 2>&1 &"), new CollectedOutput());
        System.out.println("ready");
        System.out.flush();
        System.in.read();
    }
}
