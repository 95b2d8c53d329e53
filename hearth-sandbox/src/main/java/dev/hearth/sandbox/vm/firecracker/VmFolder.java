package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The private folder of one VM under the state folder: its sockets and log, and the records that let
 * a later Hearth tell whether the VM is still wanted: {@code owner} (the Hearth process that made it)
 * and {@code firecracker.pid} (its process). A process is named by its pid and its start time, so a
 * pid the system reused for another program is never taken for the VM.
 */
final class VmFolder {
    static final String OWNER = "owner";
    static final String PROCESS = "firecracker.pid";
    static final String CHROOT = "chroot";
    static final String LOG = "firecracker.log";
    /** A folder still without an owner record this young may be one being made right now. */
    private static final Duration BEING_MADE = Duration.ofMinutes(1);

    private final String id;
    private final Path dir;

    private VmFolder(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    /** Makes a fresh folder owned by this JVM. */
    static VmFolder create(Path stateDir, String name) throws IOException {
        Files.createDirectories(stateDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path state = stateDir.toRealPath();
        while (true) {
            byte[] random = new byte[6];
            ThreadLocalRandom.current().nextBytes(random);
            String id = "fc-" + HexFormat.of().formatHex(random);
            Path dir = state.resolve(id);
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException e) {
                continue;
            }
            VmFolder folder = new VmFolder(id, dir);
            try {
                folder.write(OWNER, identity(ProcessHandle.current()));
                folder.write("name", name);
            } catch (IOException e) {
                folder.remove();
                throw e;
            }
            return folder;
        }
    }

    String id() {
        return id;
    }

    Path dir() {
        return dir;
    }

    void recordProcess(ProcessHandle process) throws IOException {
        write(PROCESS, identity(process));
    }

    /** Notes the jailer's folder for this VM, which goes with the VM. */
    void recordChroot(Path chrootVmFolder) throws IOException {
        write(CHROOT, chrootVmFolder.toString());
    }

    /** The last lines of the VM's log, for an error message. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(LOG), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 8), lines.size())).strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** Deletes the folder and the jailer's folder of the VM. */
    void remove() {
        read(dir, CHROOT).ifPresent(chroot -> deleteQuietly(Path.of(chroot)));
        deleteQuietly(dir);
    }

    private void write(String file, String content) throws IOException {
        Path tmp = dir.resolve(file + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(file), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Optional<String> read(Path dir, String file) {
        try {
            return Optional.of(Files.readString(dir.resolve(file), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Trees.delete(path);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(VmFolder.class).warn("cannot remove {}: {}", path, e.getMessage());
        }
    }

    /** {@code <pid> <start time in ms>}; the start time tells a reused pid apart. */
    static String identity(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }

    /** The live process a record names, if it is still the same process. */
    static Optional<ProcessHandle> live(String identity) {
        String[] parts = identity.strip().split(" ");
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(parts[0]);
            long start = Long.parseLong(parts[1]);
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().startInstant().map(Instant::toEpochMilli).orElse(-2L) == start);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** What a sweep found in one folder. */
    record Swept(Path folder, boolean killed) {
    }

    /**
     * Removes the folders whose owner is gone, first killing their VM: only when the recorded process
     * is still the same process and works in that VM's folder (or its chroot), so that nothing else is
     * ever killed.
     */
    static List<Swept> sweep(Path stateDir) {
        List<Swept> swept = new ArrayList<>();
        if (!Files.isDirectory(stateDir)) {
            return swept;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(stateDir.toRealPath(), "fc-*")) {
            for (Path dir : folders) {
                Optional<String> owner = read(dir, OWNER);
                if (owner.isPresent() ? live(owner.get()).isPresent() : youngerThan(dir, BEING_MADE)) {
                    continue;
                }
                Optional<String> chroot = read(dir, CHROOT);
                boolean killed = read(dir, PROCESS).flatMap(VmFolder::live)
                        .filter(p -> worksIn(p.pid(), dir, chroot))
                        .map(VmFolder::kill).orElse(false);
                VmFolder folder = new VmFolder(dir.getFileName().toString(), dir);
                folder.remove();
                swept.add(new Swept(dir, killed));
            }
        } catch (IOException e) {
            org.slf4j.LoggerFactory.getLogger(VmFolder.class).warn("cannot sweep {}: {}", stateDir, e.getMessage());
        }
        return swept;
    }

    private static boolean youngerThan(Path dir, Duration age) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isAfter(Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether the process's working folder is the VM's folder, or inside its chroot (the jailer's case). */
    private static boolean worksIn(long pid, Path dir, Optional<String> chroot) {
        try {
            Path cwd = Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd"));
            return cwd.equals(dir) || chroot.map(c -> cwd.startsWith(Path.of(c))).orElse(false);
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean kill(ProcessHandle process) {
        process.destroyForcibly();
        try {
            process.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // it got SIGKILL; the kernel finishes it
        }
        return true;
    }
}
