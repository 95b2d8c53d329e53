package dev.hearth.actions.builtin;

import dev.hearth.actions.builtin.BuiltinContext.EventSource;
import dev.hearth.actions.builtin.BuiltinContext.Stores;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.host.HostBackend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A real host sandbox laid out as the engine lays out a job (workspace under {@code job-1/work/<repo>},
 * {@code HOME} in {@code home}), with host stores in a test folder, and the engine's part of calling a
 * built-in action: defaults applied, the few expressions they use evaluated, the log collected.
 */
public final class BuiltinFixture implements AutoCloseable {
    public static final Map<String, String> PATH = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin");

    public final Sandbox sandbox;
    public final String workspace;
    public final String home;
    public final List<String> infos = Collections.synchronizedList(new ArrayList<>());
    public final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    public EventSource event;
    public Stores stores;

    private BuiltinFixture(Sandbox sandbox, EventSource event, Stores stores) {
        this.sandbox = sandbox;
        this.workspace = sandbox.workRoot() + "/job-1/work/repo";
        this.home = sandbox.workRoot() + "/home";
        this.event = event;
        this.stores = stores;
    }

    /**
     * A sandbox in {@code dir/sandbox-<name>}, with stores under {@code dir} (shared by fixtures made
     * on the same folder, as runs share a cache store).
     */
    public static BuiltinFixture create(Path dir, String name) throws Exception {
        return create(dir, name, new HostBackend());
    }

    /** The same on another backend. */
    public static BuiltinFixture create(Path dir, String name, SandboxBackend backend) throws Exception {
        Sandbox sandbox = backend.create(SandboxSpec.of("builtin-" + name, dir.resolve("sandbox-" + name))
                .withEnv(PATH));
        Stores stores = new Stores(dir.resolve("cache"), 100L * 1024 * 1024, dir.resolve("artifacts/run-1"), "1");
        BuiltinFixture fixture = new BuiltinFixture(sandbox, new EventSource("octo/repo", null, null, null, null),
                stores);
        sandbox.createDirectories(fixture.workspace);
        sandbox.createDirectories(fixture.home);
        return fixture;
    }

    /** The context for a step {@code with:} these inputs, the action's defaults under them. */
    public BuiltinContext context(BuiltinAction action, Map<String, String> with) {
        return context(action, with, Map.of());
    }

    public BuiltinContext context(BuiltinAction action, Map<String, String> with, Map<String, String> state) {
        Map<String, String> inputs = new HashMap<>();
        action.inputDefaults().forEach((k, v) -> inputs.put(k.toLowerCase(Locale.ROOT), evaluate(v)));
        with.forEach((k, v) -> inputs.put(k.toLowerCase(Locale.ROOT), v));
        return new BuiltinContext(sandbox, inputs, state, workspace, event, stores, new BuiltinContext.ActionLog() {
            @Override
            public void info(String line) {
                infos.add(line);
            }

            @Override
            public void warning(String line) {
                warnings.add(line);
            }
        }, home);
    }

    private String evaluate(String value) {
        return switch (value) {
            case "${{ github.repository }}" -> event.repository();
            case "${{ github.token }}" -> event.token() == null ? "" : event.token();
            case "${{ github.run_id }}" -> stores.runId();
            default -> value;
        };
    }

    /** Runs a shell script in the workspace; its stdout, failing the test when it fails. */
    public String sh(String script) throws Exception {
        Result r = run(script);
        if (!r.status().success()) {
            throw new AssertionError("'" + script + "' failed with " + r.status() + ": " + r.stderr());
        }
        return r.stdout();
    }

    public record Result(ExitStatus status, String stdout, String stderr) {
    }

    public Result run(String script) throws Exception {
        CollectedOutput output = new CollectedOutput();
        ExitStatus status = sandbox.exec(new ExecRequest(List.of("bash", "-c", script),
                Map.of("HOME", home, "GIT_CONFIG_NOSYSTEM", "1"), workspace, null), output);
        return new Result(status, output.text(), output.errorText());
    }

    /** Writes a file at a path relative to the workspace (or absolute). */
    public void write(String path, String content) throws Exception {
        sandbox.writeString(path.startsWith("/") ? path : workspace + "/" + path, content);
    }

    public String read(String path) throws Exception {
        return sandbox.readString(path.startsWith("/") ? path : workspace + "/" + path, 1 << 20);
    }

    public boolean exists(String path) throws Exception {
        return sandbox.exists(path.startsWith("/") ? path : workspace + "/" + path);
    }

    @Override
    public void close() {
        sandbox.destroy();
    }
}
