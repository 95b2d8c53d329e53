package dev.hearth.sandbox.files;

import dev.hearth.sandbox.SandboxException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file operations of a sandbox whose work root is a host directory seen at the same path inside
 * and outside: they act directly on the host files. A path is a sandbox path, absolute or relative to
 * the work root; one that leads outside the work root, by {@code ..} or through a symbolic link, is
 * refused, so a command cannot turn a host-side write into a write elsewhere on the host.
 */
public final class WorkRootFiles {
    /** Never through a link at the file itself: a command could plant one to turn the write elsewhere. */
    private static final java.util.Set<java.nio.file.OpenOption> WRITE_NEW = java.util.Set.of(StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final Path root;
    private volatile Path realRoot; // the root's real path, found once it exists

    /** @param root the work root, an absolute path */
    public WorkRootFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** Whether a sandbox path lies inside the work root (by its name; links are not followed). */
    public boolean contains(String path) {
        return root.resolve(path).normalize().startsWith(root);
    }

    /** The host path for a sandbox path that lies inside the work root by its name (links not resolved). */
    public Path byName(String path) throws SandboxException {
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new SandboxException("'" + path + "' is outside the sandbox's work root " + root);
        }
        return resolved;
    }

    /**
     * The host path for a sandbox path inside the work root whose existing part does not lead out of
     * it through a symbolic link.
     */
    public Path resolve(String path) throws SandboxException {
        Path resolved = byName(path);
        Path existing = resolved;
        // Files.exists follows links and, unlike its NOFOLLOW_LINKS form, costs no exception for a
        // missing file, which is the common case (a file about to be written). A dangling link so counts
        // as missing, which is safe: writes never follow the last link (O_NOFOLLOW) and a directory is
        // never made over a link.
        while (!Files.exists(existing)) {
            existing = existing.getParent();
            if (existing == null || !existing.startsWith(root)) {
                return resolved;
            }
        }
        try {
            Path real = realRoot;
            if (real == null) {
                real = root.toRealPath();
                realRoot = real;
            }
            if (!existing.toRealPath().startsWith(real)) {
                throw new SandboxException("'" + path + "' leads outside the sandbox's work root " + root
                        + " through a symbolic link");
            }
        } catch (IOException e) {
            throw new SandboxException("'" + path + "' cannot be resolved in the sandbox: " + e.getMessage(), e);
        }
        return resolved;
    }

    public void writeFile(String path, byte[] content) throws SandboxException {
        Path file = resolve(path);
        try {
            Path parent = file.getParent();
            if (!Files.isDirectory(parent)) { // createDirectories throws and catches when it exists
                Files.createDirectories(parent);
            }
            // A channel written directly, without an output stream around it: this runs for every step.
            try (java.nio.channels.SeekableByteChannel out = Files.newByteChannel(file, WRITE_NEW)) {
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public byte[] readFile(String path, long maxBytes) throws SandboxException {
        Path file = resolve(path);
        try (InputStream in = Files.newInputStream(file)) {
            // Read one byte past the limit rather than trusting the size: the file may be growing.
            byte[] content = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (content.length > maxBytes) {
                throw new SandboxException(path + " is larger than " + maxBytes + " bytes");
            }
            return content;
        } catch (IOException e) {
            throw new SandboxException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String path) throws SandboxException {
        return Files.exists(resolve(path), LinkOption.NOFOLLOW_LINKS);
    }

    public java.util.List<String> list(String path) throws SandboxException {
        Path dir = resolve(path);
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return java.util.List.of();
        }
        String[] names = dir.toFile().list(); // a plain array: this runs after every step
        if (names == null) {
            throw new SandboxException("cannot list " + path);
        }
        java.util.Arrays.sort(names);
        return java.util.List.of(names);
    }

    public void delete(String path) throws SandboxException {
        Path target = resolve(path);
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                Trees.delete(target);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    public void createDirectories(String path) throws SandboxException {
        Path dir = resolve(path);
        try {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new SandboxException("cannot create directory " + path + ": " + e.getMessage(), e);
        }
    }

    public void copyIn(Path hostSource, String path) throws SandboxException {
        Path target = resolve(path);
        try {
            Files.createDirectories(target.getParent());
            Trees.copy(hostSource, target);
        } catch (IOException e) {
            throw new SandboxException("cannot copy " + hostSource + " into the sandbox at " + path + ": "
                    + e.getMessage(), e);
        }
    }

    public void copyOut(String path, Path hostTarget) throws SandboxException {
        Path source = resolve(path);
        try {
            Path parent = hostTarget.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Trees.copy(source, hostTarget);
        } catch (IOException e) {
            throw new SandboxException("cannot copy " + path + " out of the sandbox to " + hostTarget + ": "
                    + e.getMessage(), e);
        }
    }
}
