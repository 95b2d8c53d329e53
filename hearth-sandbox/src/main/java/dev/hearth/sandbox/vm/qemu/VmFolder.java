package dev.hearth.sandbox.vm.qemu;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One VM's private folder inside the run root: its two sockets, the guest console, QEMU's own
 * messages, and who owns it ({@code owner}: the JVM) and who runs it ({@code qemu.pid}), each as a
 * {@link ProcessIdentity}, so that a later sweep can tell a live VM from one whose owner died.
 */
record VmFolder(Path path) {
    Path agentSocket() {
        return path.resolve("agent.sock");
    }

    Path qmpSocket() {
        return path.resolve("qmp.sock");
    }

    Path console() {
        return path.resolve("console.log");
    }

    Path qemuLog() {
        return path.resolve("qemu.log");
    }

    Path ownerFile() {
        return path.resolve("owner");
    }

    Path pidFile() {
        return path.resolve("qemu.pid");
    }

    /** Makes a fresh folder under {@code root}, which is made private to this user first if needed. */
    static VmFolder create(Path root) throws IOException {
        ensurePrivateRoot(root);
        for (int attempt = 0; ; attempt++) {
            byte[] id = new byte[6];
            ThreadLocalRandom.current().nextBytes(id);
            Path dir = root.resolve(HexFormat.of().formatHex(id));
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                VmFolder folder = new VmFolder(dir);
                folder.write(folder.ownerFile(), ProcessIdentity.self().text());
                return folder;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt > 10) {
                    throw e;
                }
            }
        }
    }

    /** The run root must be ours and closed to others: the sockets in it command the guests. */
    static void ensurePrivateRoot(Path root) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(root.getParent());
            try {
                Files.createDirectory(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // made meanwhile by another JVM: checked below
            }
        }
        Object owner = Files.getAttribute(root, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(root, LinkOption.NOFOLLOW_LINKS);
        if (!owner.equals(self) || permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
            throw new IOException("the VM folder " + root + " must belong to this user and be closed to others (mode 700)");
        }
    }

    void write(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(path, file.getFileName().toString(), ".tmp");
        Files.writeString(tmp, text + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Optional<ProcessIdentity> read(Path file) {
        try {
            return ProcessIdentity.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of a log in this folder, or a note that it is empty. */
    String tail(Path log, int lines) {
        try {
            String text = Files.readString(log, StandardCharsets.ISO_8859_1).replace("\r", "").strip();
            if (text.isEmpty()) {
                return "(" + log.getFileName() + " is empty)";
            }
            String[] all = text.split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        } catch (IOException e) {
            return "(no " + log.getFileName() + ")";
        }
    }
}
