package dev.hearth.sandbox.pool;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.Execution;
import dev.hearth.sandbox.OutputSink;
import dev.hearth.sandbox.QueuedExecution;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox made ahead, serving one request: every command starts from that request's environment
 * (its {@code SandboxSpec.env()}, which may hold secrets and so is never part of what was made
 * ahead), then the command's own. Everything else is the sandbox's.
 */
final class SpecEnvSandbox implements Sandbox {
    private final Sandbox inner;
    private final String name;
    private final Map<String, String> env;

    SpecEnvSandbox(Sandbox inner, String name, Map<String, String> env) {
        this.inner = inner;
        this.name = name;
        this.env = Map.copyOf(env);
    }

    private ExecRequest withSpecEnv(ExecRequest request) {
        if (env.isEmpty()) {
            return request;
        }
        Map<String, String> all = new HashMap<>(env);
        all.putAll(request.env());
        return request.withEnv(all);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public BackendInfo info() {
        return inner.info();
    }

    @Override
    public String workRoot() {
        return inner.workRoot();
    }

    @Override
    public Execution start(ExecRequest request, OutputSink sink) throws SandboxException {
        return inner.start(withSpecEnv(request), sink);
    }

    @Override
    public boolean queues() {
        return inner.queues();
    }

    @Override
    public boolean writesRequestFiles() {
        return inner.writesRequestFiles();
    }

    @Override
    public Optional<QueuedExecution> startAfter(Execution previous, List<String> mustBeEmpty, ExecRequest request,
                                                Instant notAfter, OutputSink sink) throws SandboxException {
        return inner.startAfter(previous, mustBeEmpty, withSpecEnv(request), notAfter, sink);
    }

    @Override
    public void writeFile(String path, byte[] content) throws SandboxException {
        inner.writeFile(path, content);
    }

    @Override
    public byte[] readFile(String path, long maxBytes) throws SandboxException {
        return inner.readFile(path, maxBytes);
    }

    @Override
    public void copyIn(Path hostSource, String path) throws SandboxException {
        inner.copyIn(hostSource, path);
    }

    @Override
    public void copyOut(String path, Path hostTarget) throws SandboxException {
        inner.copyOut(path, hostTarget);
    }

    @Override
    public void killProcesses() {
        inner.killProcesses();
    }

    @Override
    public void destroy() {
        inner.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return inner.isDestroyed();
    }

    @Override
    public boolean exists(String path) throws SandboxException {
        return inner.exists(path);
    }

    @Override
    public List<String> list(String path) throws SandboxException {
        return inner.list(path);
    }

    @Override
    public void delete(String path) throws SandboxException {
        inner.delete(path);
    }

    @Override
    public void createDirectories(String path) throws SandboxException {
        inner.createDirectories(path);
    }

    @Override
    public String toString() {
        return name + " (made ahead as " + inner.name() + ")";
    }
}
