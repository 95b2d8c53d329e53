package dev.hearth.sandbox.files;

import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;

import java.nio.file.Path;
import java.util.List;

/**
 * The file side of a sandbox whose work root is a host directory seen at the same path inside (host
 * and bubblewrap backends): every file operation acts on the host, through {@link WorkRootFiles}, which
 * refuses paths that lead outside the work root.
 */
public abstract class WorkRootSandbox implements Sandbox {
    protected final SandboxSpec spec;
    protected final BackendInfo info;
    protected final WorkRootFiles files;

    protected WorkRootSandbox(SandboxSpec spec, BackendInfo info, Path hostDir) {
        this.spec = spec;
        this.info = info;
        this.files = new WorkRootFiles(hostDir);
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public BackendInfo info() {
        return info;
    }

    @Override
    public String workRoot() {
        return files.root().toString();
    }

    @Override
    public void writeFile(String path, byte[] content) throws SandboxException {
        files.writeFile(path, content);
    }

    @Override
    public byte[] readFile(String path, long maxBytes) throws SandboxException {
        return files.readFile(path, maxBytes);
    }

    @Override
    public void copyIn(Path hostSource, String path) throws SandboxException {
        files.copyIn(hostSource, path);
    }

    @Override
    public void copyOut(String path, Path hostTarget) throws SandboxException {
        files.copyOut(path, hostTarget);
    }

    @Override
    public boolean exists(String path) throws SandboxException {
        return files.exists(path);
    }

    @Override
    public void delete(String path) throws SandboxException {
        files.delete(path);
    }

    @Override
    public List<String> list(String path) throws SandboxException {
        return files.list(path);
    }

    @Override
    public void createDirectories(String path) throws SandboxException {
        files.createDirectories(path);
    }
}
