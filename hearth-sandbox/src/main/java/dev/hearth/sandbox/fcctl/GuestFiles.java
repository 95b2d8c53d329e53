package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The file operations of a remote VM, done with bash scripts through {@code execute}, the only way
 * into the guest the API has. Content travels base64-encoded in the script (in) or its stdout (out),
 * in chunks: a script may reach the guest as one command-line argument, which Linux caps at 128 KiB,
 * so a chunk going in is {@value #WRITE_CHUNK} bytes; going out, the cap is only the answer's size.
 * Trees travel as tar archives made and unpacked by {@code tar} on both sides, which keeps modes and
 * symbolic links.
 *
 * <p>Paths are guest paths, absolute or relative to the work root; one that leads outside the work
 * root by name is refused, as on the other backends, so a slip in a caller cannot delete the guest's
 * system. Links inside the guest are not checked: whatever they lead to is still inside the VM.
 */
final class GuestFiles {
    /** Bytes per chunk going in; base64 makes it 4/3 larger, well under the 128 KiB argument cap. */
    static final int WRITE_CHUNK = 64 * 1024;
    /** Bytes per chunk coming out. */
    static final int READ_CHUNK = 1024 * 1024;
    /** How long making or unpacking a tar archive in the guest may take. */
    private static final Duration TAR_TIMEOUT = Duration.ofMinutes(10);

    /** Runs a script in the guest; each call is a fresh shell. */
    @FunctionalInterface
    interface Shell {
        ExecuteResult run(String code, Duration timeout) throws SandboxException;
    }

    private final Shell shell;
    private final String workRoot;
    private final Path hostScratch;
    private final Duration callTimeout;

    /**
     * @param hostScratch a host directory for archives on their way
     * @param callTimeout the timeout of a script that moves one chunk
     */
    GuestFiles(Shell shell, String workRoot, Path hostScratch, Duration callTimeout) {
        this.shell = shell;
        this.workRoot = workRoot;
        this.hostScratch = hostScratch;
        this.callTimeout = callTimeout;
    }

    /** The guest path for a sandbox path, refused when it leads outside the work root. */
    String resolve(String path) throws SandboxException {
        Path root = Path.of(workRoot);
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            throw new SandboxException("'" + path + "' is outside the sandbox's work root " + workRoot);
        }
        return resolved.toString();
    }

    void writeFile(String path, byte[] content) throws SandboxException {
        String file = resolve(path);
        String part = file + ".hearth-part-" + UUID.randomUUID();
        String parent = Path.of(file).getParent().toString();
        try {
            int offset = 0;
            do {
                int length = Math.min(WRITE_CHUNK, content.length - offset);
                boolean first = offset == 0;
                boolean last = offset + length == content.length;
                String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(content, offset,
                        offset + length));
                StringBuilder script = new StringBuilder(encoded.length() + 200);
                if (first) {
                    script.append("mkdir -p -- ").append(Bash.quote(parent)).append(" || exit 1\n");
                }
                script.append("printf '%s' '").append(encoded).append("' | base64 -d ")
                        .append(first ? ">" : ">>").append(' ').append(Bash.quote(part)).append(" || exit 1\n");
                if (last) {
                    // written aside and renamed, so no reader sees half a file; a link at the path is
                    // replaced, not followed
                    script.append("mv -f -T -- ").append(Bash.quote(part)).append(' ').append(Bash.quote(file)).append('\n');
                }
                succeed(script.toString(), callTimeout, "cannot write " + path);
                offset += length;
            } while (offset < content.length);
        } catch (SandboxException e) {
            removeQuietly(part);
            throw e;
        }
    }

    byte[] readFile(String path, long maxBytes) throws SandboxException {
        String file = Bash.quote(resolve(path));
        long inline = Math.min(maxBytes, READ_CHUNK);
        // The size first; small files come along in the same call.
        ExecuteResult first = succeed("f=" + file + "\n"
                + "[ -e \"$f\" ] || { echo 'no such file' >&2; exit 2; }\n"
                + "[ -f \"$f\" ] || { echo 'not a regular file' >&2; exit 2; }\n"
                + "[ -r \"$f\" ] || { echo 'not readable' >&2; exit 2; }\n"
                + "s=$(stat -L -c %s -- \"$f\") || exit 2\n"
                + "echo \"$s\"\n"
                + "if [ \"$s\" -le " + inline + " ]; then base64 -w0 < \"$f\" || exit 2; fi\n",
                callTimeout, "cannot read " + path);
        String out = first.stdout();
        int newline = out.indexOf('\n');
        long size;
        try {
            size = Long.parseLong(out.substring(0, Math.max(newline, 0)).strip());
        } catch (NumberFormatException e) {
            throw new SandboxException("cannot read " + path + ": the guest gave no size");
        }
        if (size > maxBytes) {
            throw new SandboxException("'" + path + "' is larger than " + maxBytes + " bytes");
        }
        if (size <= inline) {
            byte[] content = decode(out.substring(newline + 1), "reading " + path);
            if (content.length != size) {
                throw new SandboxException("cannot read " + path + ": it changed while it was read");
            }
            return content;
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream((int) Math.min(size, Integer.MAX_VALUE - 8));
        readChunks(resolve(path), size, content);
        return content.toByteArray();
    }

    boolean exists(String path) throws SandboxException {
        String file = Bash.quote(resolve(path));
        ExecuteResult result = run("if [ -e " + file + " ] || [ -L " + file + " ]; then exit 0; else exit 1; fi\n",
                callTimeout, "cannot look for " + path);
        return switch (result.exitCode()) {
            case 0 -> true;
            case 1 -> false;
            default -> throw failure("cannot look for " + path, result);
        };
    }

    List<String> list(String path) throws SandboxException {
        String dir = Bash.quote(resolve(path));
        ExecuteResult result = succeed("[ -d " + dir + " ] || exit 0\n"
                + "cd -- " + dir + " || exit 2\n"
                + "shopt -s nullglob dotglob\n"
                + "for n in *; do printf '%s\\0' \"$n\"; done | base64 -w0\n",
                callTimeout, "cannot list " + path);
        String names = new String(decode(result.stdout(), "listing " + path), StandardCharsets.UTF_8);
        List<String> sorted = new ArrayList<>();
        for (String name : names.split("\0")) {
            if (!name.isEmpty()) {
                sorted.add(name);
            }
        }
        sorted.sort(null);
        return sorted;
    }

    void delete(String path) throws SandboxException {
        succeed("rm -rf -- " + Bash.quote(resolve(path)) + "\n", TAR_TIMEOUT, "cannot delete " + path);
    }

    void createDirectories(String path) throws SandboxException {
        succeed("mkdir -p -- " + Bash.quote(resolve(path)) + "\n", callTimeout, "cannot create " + path);
    }

    /** Copies a host file or tree into the guest at {@code path}, merging into a directory there. */
    void copyIn(Path hostSource, String path) throws SandboxException {
        String target = resolve(path);
        Path source = hostSource.toAbsolutePath().normalize();
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS) || source.getParent() == null) {
            throw new SandboxException("cannot copy " + hostSource + " in: it does not exist");
        }
        String archive = guestTemp("mktemp", "cannot copy " + hostSource + " in");
        try {
            sendArchive(source, archive);
            String name = Bash.quote(source.getFileName().toString());
            String to = Bash.quote(target);
            succeed("a=" + Bash.quote(archive) + "; t=" + to + "\n"
                    + "d=$(mktemp -d) || exit 1\n"
                    + "trap 'rm -rf -- \"$d\"' EXIT\n"
                    + "tar -xf \"$a\" -C \"$d\" --no-same-owner || exit 1\n"
                    + "mkdir -p -- \"$(dirname -- \"$t\")\" || exit 1\n"
                    + "if [ -d \"$d\"/" + name + " ] && [ ! -L \"$d\"/" + name + " ]; then\n"
                    + "  mkdir -p -- \"$t\" && cp -a -- \"$d\"/" + name + "/. \"$t\"/\n"
                    + "else\n"
                    + "  mv -f -T -- \"$d\"/" + name + " \"$t\"\n"
                    + "fi\n",
                    TAR_TIMEOUT, "cannot copy " + hostSource + " in");
        } finally {
            removeQuietly(archive);
        }
    }

    /** Copies a guest file or tree to the host at {@code hostTarget}, merging into a directory there. */
    void copyOut(String path, Path hostTarget) throws SandboxException {
        Path guestPath = Path.of(resolve(path));
        if (guestPath.getParent() == null) {
            throw new SandboxException("cannot copy " + path + " out: it is the guest's root");
        }
        String what = "cannot copy " + path + " out";
        ExecuteResult made = succeed("p=" + Bash.quote(guestPath.toString()) + "\n"
                + "[ -e \"$p\" ] || [ -L \"$p\" ] || { echo 'no such file or directory' >&2; exit 2; }\n"
                + "a=$(mktemp) || exit 1\n"
                + "tar -cf \"$a\" -C \"$(dirname -- \"$p\")\" -- \"$(basename -- \"$p\")\" || { rm -f -- \"$a\"; exit 1; }\n"
                + "echo \"$a\"; stat -c %s -- \"$a\"\n",
                TAR_TIMEOUT, what);
        String[] lines = made.stdout().strip().split("\n");
        if (lines.length != 2) {
            throw new SandboxException(what + ": the guest did not say where the archive is");
        }
        String archive = lines[0];
        Path unpacked = null;
        try {
            long size = Long.parseLong(lines[1].strip());
            Files.createDirectories(hostScratch);
            unpacked = Files.createTempDirectory(hostScratch, "copy-out-");
            Path log = unpacked.resolve("tar.log");
            Path tree = Files.createDirectory(unpacked.resolve("tree"));
            Process tar = new ProcessBuilder("tar", "-xf", "-", "-C", tree.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            try (OutputStream in = tar.getOutputStream()) {
                readChunks(archive, size, in);
            } finally {
                if (!tar.waitFor(5, TimeUnit.MINUTES)) {
                    tar.destroyForcibly();
                }
            }
            if (tar.exitValue() != 0) {
                throw new SandboxException(what + ": tar on the host failed: " + Files.readString(log).strip());
            }
            Trees.copy(tree.resolve(guestPath.getFileName().toString()), hostTarget);
        } catch (IOException | NumberFormatException e) {
            throw new SandboxException(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException(what + ": interrupted", e);
        } finally {
            removeQuietly(archive);
            if (unpacked != null) {
                try {
                    Trees.delete(unpacked);
                } catch (IOException e) {
                    // a leftover in the sandbox's host directory, which destroy deletes
                }
            }
        }
    }

    /** Packs a host file or tree with tar and writes the archive to a guest file, chunk by chunk. */
    private void sendArchive(Path source, String archive) throws SandboxException {
        Process tar;
        try {
            tar = new ProcessBuilder("tar", "-cf", "-", "-C", source.getParent().toString(),
                    "./" + source.getFileName())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new SandboxException("cannot run tar on the host: " + e.getMessage(), e);
        }
        try (InputStream packed = tar.getInputStream()) {
            byte[] chunk = new byte[WRITE_CHUNK];
            boolean first = true;
            int length;
            while ((length = packed.readNBytes(chunk, 0, chunk.length)) > 0 || first) {
                String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(chunk, length));
                succeed("printf '%s' '" + encoded + "' | base64 -d " + (first ? ">" : ">>") + " "
                        + Bash.quote(archive) + "\n", callTimeout, "cannot copy " + source + " in");
                first = false;
            }
            if (tar.waitFor() != 0) {
                throw new SandboxException("cannot copy " + source + " in: tar on the host failed");
            }
        } catch (IOException e) {
            throw new SandboxException("cannot copy " + source + " in: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("cannot copy " + source + " in: interrupted", e);
        } finally {
            tar.destroyForcibly();
        }
    }

    /** Reads {@code size} bytes of a guest file in chunks into {@code out}. */
    private void readChunks(String guestFile, long size, OutputStream out) throws SandboxException {
        String file = Bash.quote(guestFile);
        long offset = 0;
        try {
            while (offset < size) {
                long length = Math.min(READ_CHUNK, size - offset);
                ExecuteResult chunk = succeed("tail -c +" + (offset + 1) + " -- " + file + " | head -c " + length
                        + " | base64 -w0\n", callTimeout, "cannot read " + guestFile);
                byte[] bytes = decode(chunk.stdout(), "reading " + guestFile);
                if (bytes.length != length) {
                    throw new SandboxException("cannot read " + guestFile + ": it changed while it was read");
                }
                out.write(bytes);
                offset += length;
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read " + guestFile + ": " + e.getMessage(), e);
        }
    }

    private String guestTemp(String command, String what) throws SandboxException {
        String made = succeed(command + "\n", callTimeout, what).stdout().strip();
        if (!made.startsWith("/")) {
            throw new SandboxException(what + ": the guest made no temporary file");
        }
        return made;
    }

    private void removeQuietly(String guestPath) {
        try {
            run("rm -f -- " + Bash.quote(guestPath) + "\n", callTimeout, "removing " + guestPath);
        } catch (SandboxException e) {
            // a leftover in the guest's temporary files, gone with the VM
        }
    }

    private ExecuteResult succeed(String code, Duration timeout, String what) throws SandboxException {
        ExecuteResult result = run(code, timeout, what);
        if (result.exitCode() != 0) {
            throw failure(what, result);
        }
        return result;
    }

    private ExecuteResult run(String code, Duration timeout, String what) throws SandboxException {
        ExecuteResult result = shell.run(code, timeout);
        if (result.timedOut()) {
            throw new SandboxException(what + ": it took longer than " + timeout.toSeconds() + " s");
        }
        if (result.exitCode() == null) {
            throw failure(what, result);
        }
        return result;
    }

    private static SandboxException failure(String what, ExecuteResult result) {
        String why = result.stderr().strip();
        if (why.isEmpty()) {
            why = result.error() != null ? result.error() : "exit code " + result.exitCode();
        }
        return new SandboxException(what + ": " + why);
    }

    private static byte[] decode(String base64, String what) throws SandboxException {
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new SandboxException(what + ": the guest's answer is not base64");
        }
    }
}
