package dev.hearth.sandbox.vm.image;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;
import dev.hearth.sandbox.process.Executables;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Builds the guest's root filesystem ({@code hearth image build --rootfs}): {@code debootstrap
 * --variant=minbase} of Debian bookworm plus bash, git, ca-certificates, curl, nodejs and python3,
 * from the mirror the host's apt uses, turned into a raw ext4 image with {@code mkfs.ext4 -d} (no
 * mount needed). A VM attaches it read-only and its {@link InitScript /init} lays a memory overlay on
 * it, so the image never changes once made and any number of VMs share it.
 *
 * <p>debootstrap must run as root (it makes device nodes and chroots to configure packages) and takes
 * a minute or more; its progress goes to the caller. The image is cached under the image folder in
 * {@code rootfs-<recipe hash>}, keyed by its {@link RootfsRecipe recipe} only, and is made in a
 * temporary folder that is renamed into place when whole; a build killed halfway leaves a
 * {@code building-rootfs-<pid>-*} folder that the next build clears (after detaching any mount
 * debootstrap left in it).
 */
public final class RootfsBuilder {
    /** The file system label the guest's init looks for. */
    public static final String LABEL = "hearth-root";
    static final String SUITE = "bookworm";
    static final String VARIANT = "minbase";
    static final List<String> PACKAGES = List.of("bash", "git", "ca-certificates", "curl", "nodejs", "python3");
    static final String IMAGE_FILE = "rootfs.ext4";
    private static final String MARKER = "recipe.txt";
    private static final String SCRATCH_PREFIX = "building-rootfs-";
    private static final Duration DEBOOTSTRAP = Duration.ofMinutes(30);
    private static final Duration MKFS = Duration.ofMinutes(10);
    private static final long MIB = 1024 * 1024;

    private final Path root;
    private final RootfsRecipe recipe;
    private final Path etcApt;

    /** A builder whose cache is {@code root} (the same folder as {@link GuestImageBuilder}'s). */
    public RootfsBuilder(Path root) {
        this(root, new RootfsRecipe(SUITE, VARIANT, PACKAGES), Path.of("/etc/apt"));
    }

    RootfsBuilder(Path root, RootfsRecipe recipe, Path etcApt) {
        this.root = root;
        this.recipe = recipe;
        this.etcApt = etcApt;
    }

    /** A builder on the default image folder ({@link GuestImageBuilder#defaultRoot()}). */
    public static RootfsBuilder inUserCache() {
        return new RootfsBuilder(GuestImageBuilder.defaultRoot());
    }

    /**
     * A built root filesystem image.
     *
     * @param file       the raw ext4 image, to attach read-only
     * @param recipeHash the hex SHA-256 of its recipe
     */
    public record RootImage(Path file, String recipeHash) {
    }

    /** What a build gave: the image, whether it came from the cache, and how long it took. */
    public record Result(RootImage image, boolean cached, Duration took) {
    }

    /** Why this host cannot build the image (not root, no debootstrap, no mkfs.ext4), if it cannot. */
    public static Optional<String> unavailableReason() {
        if (!isRoot()) {
            return Optional.of("building the root filesystem needs root (debootstrap makes device nodes and chroots);"
                    + " run hearth image build --rootfs as root");
        }
        if (Executables.find("debootstrap").isEmpty()) {
            return Optional.of("building the root filesystem needs debootstrap (apt-get install debootstrap)");
        }
        if (Executables.find("mkfs.ext4").isEmpty()) {
            return Optional.of("building the root filesystem needs mkfs.ext4 (apt-get install e2fsprogs)");
        }
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** The folder this recipe's image lives in. */
    Path directory() {
        return root.resolve("rootfs-" + recipe.hash().substring(0, 16));
    }

    /** The image if it was built already (no root needed to find it). */
    public Optional<RootImage> cached() {
        return load(directory(), recipe.hash());
    }

    /** The image for this recipe: from the cache, or built now, telling {@code progress} how it goes. */
    public Result build(Consumer<String> progress) throws SandboxException {
        long start = System.nanoTime();
        Optional<RootImage> found = cached();
        if (found.isPresent()) {
            return new Result(found.get(), true, Duration.ofNanos(System.nanoTime() - start));
        }
        Optional<String> missing = unavailableReason();
        if (missing.isPresent()) {
            throw new SandboxException(missing.get());
        }
        String mirror;
        try {
            mirror = new AptSources(etcApt).mirrorFor(recipe.suite()).orElseThrow(() -> new SandboxException(
                    "apt's sources (" + etcApt + "/sources.list, sources.list.d) name no deb source for " + recipe.suite()
                            + " main, which debootstrap would fetch the root filesystem from"));
        } catch (IOException e) {
            throw new SandboxException("cannot read apt's sources in " + etcApt + ": " + e.getMessage(), e);
        }
        try {
            Files.createDirectories(root);
            // one build per recipe at a time: a second process waits and then finds the image
            try (FileChannel lockFile = FileChannel.open(root.resolve("rootfs-" + recipe.hash().substring(0, 16) + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                found = cached();
                if (found.isPresent()) {
                    return new Result(found.get(), true, Duration.ofNanos(System.nanoTime() - start));
                }
                clearAbandoned(progress);
                Path scratch = Files.createTempDirectory(root, SCRATCH_PREFIX + ProcessHandle.current().pid() + "-");
                try {
                    assemble(scratch, mirror, progress);
                    try {
                        Files.move(scratch, directory(), StandardCopyOption.ATOMIC_MOVE);
                    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                        // a whole image of this recipe is there already (made outside this lock): keep it
                    }
                } finally {
                    if (Files.exists(scratch)) {
                        Mounts.clear(scratch);
                        Trees.delete(scratch);
                    }
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot build the root filesystem in " + root + ": " + e.getMessage(), e);
        }
        RootImage built = cached().orElseThrow(() -> new SandboxException(
                "the root filesystem built in " + directory() + " is incomplete"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        progress.accept("rootfs: " + built.file() + " ready after " + took.toSeconds() + " s");
        return new Result(built, false, took);
    }

    private void assemble(Path scratch, String mirror, Consumer<String> progress) throws SandboxException, IOException {
        Path tree = scratch.resolve("tree");
        progress.accept("rootfs: debootstrap " + recipe.suite() + " (" + recipe.variant() + " plus "
                + String.join(", ", recipe.packages()) + ") from " + mirror + "; this takes a few minutes");
        List<String> argv = new ArrayList<>(List.of("debootstrap", "--variant=" + recipe.variant(),
                "--include=" + String.join(",", recipe.packages()), recipe.suite(), tree.toString(), mirror));
        try {
            Tools.stream(argv, Map.of(
                    // debootstrap runs chroot, ldconfig and the packages' scripts: they live in the sbin folders
                    "PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "DEBIAN_FRONTEND", "noninteractive",
                    "LC_ALL", "C"), DEBOOTSTRAP, line -> progress.accept("debootstrap: " + line));
        } finally {
            Mounts.clear(tree);
        }
        tidy(tree);

        Footprint footprint = Footprint.of(tree);
        // ext4's own metadata (inode tables, bitmaps, directories) plus room for the few files init adds
        long sizeMib = (long) Math.ceil((footprint.bytes() * 1.15 + 64 * MIB) / MIB);
        long inodes = footprint.entries() + footprint.entries() / 4 + 4096;
        Path image = scratch.resolve(IMAGE_FILE);
        progress.accept("rootfs: " + footprint.entries() + " files, " + footprint.bytes() / MIB + " MiB; making a "
                + sizeMib + " MiB ext4 image");
        // No journal: the guest mounts it read-only, and nothing ever writes to it after this.
        Tools.run(List.of("mkfs.ext4", "-q", "-F", "-t", "ext4", "-L", LABEL, "-O", "^has_journal", "-m", "0",
                "-N", Long.toString(inodes), "-E", "root_owner=0:0", "-d", tree.toString(), image.toString(), sizeMib + "M"),
                scratch, MKFS);
        Trees.delete(tree);
        Files.writeString(scratch.resolve(MARKER), recipe.describe() + "mirror=" + mirror + "\nbuilt=" + Instant.now()
                + "\nhash=" + recipe.hash() + "\n", StandardCharsets.UTF_8);
    }

    /**
     * What debootstrap copies from the build host (its host name, its resolver) is replaced by the
     * guest's own, and apt's downloaded packages and lists, which a guest does not need, are dropped.
     */
    private static void tidy(Path tree) throws IOException {
        for (String dir : List.of("var/cache/apt/archives", "var/lib/apt/lists")) {
            Path folder = tree.resolve(dir);
            if (Files.isDirectory(folder)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, Files::isRegularFile)) {
                    for (Path entry : entries) {
                        if (!entry.getFileName().toString().equals("lock")) {
                            Files.delete(entry);
                        }
                    }
                }
            }
        }
        Files.writeString(tree.resolve("etc/hostname"), "hearth\n");
        Files.writeString(tree.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n127.0.1.1\thearth\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        Path resolv = tree.resolve("etc/resolv.conf");
        Files.deleteIfExists(resolv);
        // empty: no network unless the VM asks for one, and then init writes QEMU's resolver here
        Files.writeString(resolv, "");
    }

    /** Clears scratch folders of builds whose process is gone. */
    void clearAbandoned(Consumer<String> progress) throws IOException, SandboxException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, SCRATCH_PREFIX + "*")) {
            for (Path entry : entries) {
                String rest = entry.getFileName().toString().substring(SCRATCH_PREFIX.length());
                long pid;
                try {
                    pid = Long.parseLong(rest.substring(0, rest.indexOf('-')));
                } catch (RuntimeException e) {
                    continue;
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                progress.accept("rootfs: clearing " + entry + ", left by a build that did not finish");
                Mounts.clear(entry);
                Trees.delete(entry);
            }
        }
    }

    /** The image in {@code directory} if it is complete and of this recipe. */
    private static Optional<RootImage> load(Path directory, String hash) {
        Path image = directory.resolve(IMAGE_FILE);
        Path marker = directory.resolve(MARKER);
        try {
            if (!Files.isRegularFile(image) || !Files.isRegularFile(marker)) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (line.equals("hash=" + hash)) {
                    return Optional.of(new RootImage(image, hash));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** How much a tree holds: bytes in whole 4 KiB blocks, and how many entries (each takes an inode). */
    record Footprint(long bytes, long entries) {
        static Footprint of(Path tree) throws IOException {
            long[] totals = new long[2];
            Files.walkFileTree(tree, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    totals[0] += 4096;
                    totals[1]++;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    totals[0] += (attrs.size() + 4095) / 4096 * 4096;
                    totals[1]++;
                    return FileVisitResult.CONTINUE;
                }
            });
            return new Footprint(totals[0], totals[1]);
        }
    }
}
