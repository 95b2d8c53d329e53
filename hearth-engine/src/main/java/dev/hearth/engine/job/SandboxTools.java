package dev.hearth.engine.job;

import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The programs a sandbox has that decide how shells resolve, probed once per sandbox.
 *
 * @param bash   whether bash exists (a step without {@code shell:} falls back to sh without it)
 * @param python the program {@code shell: python} runs: {@code python}, else {@code python3}
 */
record SandboxTools(boolean bash, String python) {

    static SandboxTools probe(Sandbox sandbox) throws SandboxException, InterruptedException {
        if (sandbox.info().isolation() == dev.hearth.sandbox.BackendInfo.Isolation.PROCESS) {
            // A host sandbox runs the host's own programs: looking at them costs less than a shell.
            return new SandboxTools(onBasePath("bash"), onBasePath("python") ? "python" : "python3");
        }
        CollectedOutput out = new CollectedOutput();
        sandbox.exec(new ExecRequest(List.of("sh", "-c",
                "command -v bash >/dev/null && echo bash; command -v python >/dev/null && echo python; "
                        + "command -v python3 >/dev/null && echo python3; true"),
                Map.of("PATH", JobLayout.BASE_PATH), sandbox.workRoot(), Duration.ofSeconds(30)), out);
        List<String> found = out.text().lines().toList();
        return new SandboxTools(found.contains("bash"), found.contains("python") ? "python" : "python3");
    }

    /** Whether {@code command -v name} finds a program on the base PATH. */
    private static boolean onBasePath(String name) {
        return dev.hearth.sandbox.process.Executables.findOn(name, JobLayout.BASE_PATH).isPresent();
    }
}
