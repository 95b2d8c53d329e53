package dev.hearth.sandbox.vm.image;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.agent.AgentBinary;
import dev.hearth.sandbox.files.Trees;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the initramfs-only guest ({@code hearth image build}): Debian's cloud kernel, busybox-static,
 * the virtio modules the guest loads, the Hearth agent and {@link InitScript /init}, all from Debian
 * packages fetched with the host's apt. Images are cached under
 * {@code $XDG_CACHE_HOME/hearth/images/<recipe hash>} (or {@code ~/.cache/hearth/images}) and made
 * again only when the {@link ImageRecipe recipe} changes. An image is assembled in a temporary
 * folder beside its final place and renamed into it, so a crash never leaves half an image where
 * the cache would find it.
 */
public final class GuestImageBuilder {
    /** The metapackage that names the current cloud kernel package. */
    static final String KERNEL_METAPACKAGE = "linux-image-cloud-amd64";
    static final String BUSYBOX = "busybox-static";

    /** Modules the guest loads always, and those it loads on request (see {@link InitScript}). */
    static final Map<String, List<String>> MODULE_SETS = moduleSets();

    private static final String MARKER = "recipe.txt";

    private final Path root;
    private final Path downloads;

    /** A builder whose cache is {@code root} (one folder per recipe hash, plus {@code packages/}). */
    public GuestImageBuilder(Path root) {
        this(root, root.resolve("packages"));
    }

    /** A builder that keeps fetched packages in {@code downloads} rather than in {@code root}. */
    GuestImageBuilder(Path root, Path downloads) {
        this.root = root;
        this.downloads = downloads;
    }

    /** A builder on the default cache folder. */
    public static GuestImageBuilder inUserCache() {
        return new GuestImageBuilder(defaultRoot());
    }

    /** {@code $XDG_CACHE_HOME/hearth/images}, or {@code ~/.cache/hearth/images}. */
    public static Path defaultRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("hearth").resolve("images");
    }

    /** What a build gave: the image, whether it came from the cache, and how long it took. */
    public record Result(GuestImage image, boolean cached, Duration took) {
    }

    /** The image for the current recipe: from the cache, or built now. */
    public Result build() throws SandboxException {
        long start = System.nanoTime();
        Path agent = agentProgram();
        DebianPackages packages = new DebianPackages(downloads);
        List<DebianPackages.Package> resolved = packages.resolve(List.of(KERNEL_METAPACKAGE + ">linux-image-", BUSYBOX),
                root.resolve("apt-resolution.txt"));
        DebianPackages.Package kernel = resolved.get(0);
        DebianPackages.Package busybox = resolved.get(1);
        ImageRecipe recipe;
        try {
            recipe = new ImageRecipe(kernel.name() + "=" + kernel.version(), busybox.name() + "=" + busybox.version(),
                    ImageRecipe.sha256(Files.readAllBytes(agent)), InitScript.TEXT, MODULE_SETS);
        } catch (IOException e) {
            throw new SandboxException("cannot read the agent program " + agent + ": " + e.getMessage(), e);
        }
        Path directory = root.resolve(recipe.hash().substring(0, 16));
        GuestImage found = load(directory, recipe.hash());
        if (found != null) {
            return new Result(found, true, Duration.ofNanos(System.nanoTime() - start));
        }
        try {
            Files.createDirectories(root);
            Path scratch = Files.createTempDirectory(root, "building-");
            try {
                assemble(scratch, packages, kernel, busybox, agent, recipe);
                try {
                    Files.move(scratch, directory, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                    // Another build of the same recipe finished first: its image is as good as ours.
                }
            } finally {
                if (Files.exists(scratch)) {
                    Trees.delete(scratch);
                }
            }
        } catch (IOException e) {
            throw new SandboxException("cannot build the guest image in " + root + ": " + e.getMessage(), e);
        }
        GuestImage built = load(directory, recipe.hash());
        if (built == null) {
            throw new SandboxException("the guest image built in " + directory + " is incomplete");
        }
        return new Result(built, false, Duration.ofNanos(System.nanoTime() - start));
    }

    private static Path agentProgram() throws SandboxException {
        Path agent = AgentBinary.path().orElseThrow(() -> new SandboxException(
                "the guest image needs the Hearth agent, which this build lacks: " + AgentBinary.reason()
                        + " (install a C compiler and the static C library, e.g. apt-get install gcc libc6-dev, and rebuild)"));
        try {
            if (Elf.read(agent).isDynamic()) {
                throw new SandboxException("the Hearth agent " + agent + " is dynamically linked and the guest has no C library;"
                        + " the build links it statically when the static C library is installed (apt-get install libc6-dev)");
            }
        } catch (IOException e) {
            throw new SandboxException("cannot read the agent program " + agent + ": " + e.getMessage(), e);
        }
        return agent;
    }

    /** The image in {@code directory} if it is complete and of this recipe, else null. */
    private static GuestImage load(Path directory, String hash) {
        Path marker = directory.resolve(MARKER);
        Path kernel = directory.resolve("vmlinuz");
        Path initrd = directory.resolve("initrd.img");
        try {
            if (!Files.isRegularFile(kernel) || !Files.isRegularFile(initrd) || !Files.isRegularFile(marker)) {
                return null;
            }
            String release = null;
            String recorded = null;
            for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
                if (line.startsWith("release=")) {
                    release = line.substring("release=".length());
                } else if (line.startsWith("hash=")) {
                    recorded = line.substring("hash=".length());
                }
            }
            return hash.equals(recorded) && release != null ? new GuestImage(directory, kernel, initrd, release, hash) : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static void assemble(Path scratch, DebianPackages packages, DebianPackages.Package kernelPackage,
            DebianPackages.Package busyboxPackage, Path agent, ImageRecipe recipe) throws SandboxException, IOException {
        Path kernelTree = scratch.resolve("kernel-package");
        Path busyboxTree = scratch.resolve("busybox-package");
        DebianPackages.extract(packages.download(kernelPackage), kernelTree);
        DebianPackages.extract(packages.download(busyboxPackage), busyboxTree);

        Path vmlinuz = only(kernelTree.resolve("boot"), "vmlinuz-");
        String release = vmlinuz.getFileName().toString().substring("vmlinuz-".length());
        Path modulesRoot = Stream.of("lib/modules", "usr/lib/modules").map(p -> kernelTree.resolve(p).resolve(release))
                .filter(Files::isDirectory).findFirst()
                .orElseThrow(() -> new SandboxException(kernelPackage.name() + " has no lib/modules/" + release));
        Path busybox = Stream.of("bin/busybox", "usr/bin/busybox").map(busyboxTree::resolve).filter(Files::isRegularFile)
                .findFirst().orElseThrow(() -> new SandboxException(busyboxPackage.name() + " has no bin/busybox"));

        KernelModules modules = KernelModules.index(modulesRoot);
        Map<String, List<String>> order = new LinkedHashMap<>();
        Set<String> all = new LinkedHashSet<>();
        for (Map.Entry<String, List<String>> set : recipe.moduleSets().entrySet()) {
            Set<String> names = new LinkedHashSet<>();
            for (String module : set.getValue()) {
                names.addAll(modules.loadOrder(module));
            }
            order.put(set.getKey(), new ArrayList<>(names));
            all.addAll(names);
        }

        Path initrd = scratch.resolve("initrd.img");
        try (OutputStream file = Files.newOutputStream(initrd);
                GZIPOutputStream gzip = new GZIPOutputStream(new BufferedOutputStream(file, 1 << 16), 1 << 16);
                Cpio cpio = new Cpio(gzip)) {
            for (String dir : List.of("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "etc", "etc/hearth", "proc",
                    "sys", "tmp", "run", "root", "lib", "lib/modules", "lib/modules/" + release)) {
                cpio.directory(dir);
            }
            cpio.characterDevice("dev/console", 0600, 5, 1);
            cpio.characterDevice("dev/null", 0666, 1, 3);
            cpio.file("bin/busybox", 0755, Files.readAllBytes(busybox));
            cpio.symlink("bin/sh", "busybox");
            cpio.file("sbin/hearth-agent", 0755, Files.readAllBytes(agent));
            cpio.file("init", 0755, InitScript.TEXT.getBytes(StandardCharsets.UTF_8));
            cpio.file("etc/hearth/modules.sh", 0644, modulesScript(release, order, modules).getBytes(StandardCharsets.UTF_8));
            Set<String> made = new LinkedHashSet<>();
            for (String module : all) {
                Path relative = modules.file(module);
                for (Path parent = relative.getParent(); parent != null; parent = parent.getParent()) {
                    made.add(parent.toString());
                }
            }
            List<String> parents = new ArrayList<>(made);
            parents.sort(null); // a folder's name sorts before its children's
            for (String parent : parents) {
                cpio.directory("lib/modules/" + release + "/" + parent);
            }
            for (String module : all) {
                Path relative = modules.file(module);
                cpio.file("lib/modules/" + release + "/" + relative, 0644, Files.readAllBytes(modulesRoot.resolve(relative)));
            }
        }
        Files.copy(vmlinuz, scratch.resolve("vmlinuz"));
        Trees.delete(kernelTree);
        Trees.delete(busyboxTree);
        Files.writeString(scratch.resolve(MARKER), recipe.describe() + "release=" + release + "\nhash=" + recipe.hash() + "\n",
                StandardCharsets.UTF_8);
    }

    /** {@code /etc/hearth/modules.sh}: per set, {@code name:path} entries in load order. */
    private static String modulesScript(String release, Map<String, List<String>> order, KernelModules modules)
            throws IOException {
        StringBuilder text = new StringBuilder("HEARTH_KERNEL=" + release + "\n");
        for (Map.Entry<String, List<String>> set : order.entrySet()) {
            List<String> entries = new ArrayList<>();
            for (String module : set.getValue()) {
                entries.add(module + ":" + modules.file(module));
            }
            text.append("HEARTH_MODULES_").append(set.getKey().toUpperCase(java.util.Locale.ROOT)).append("=\"")
                    .append(String.join(" ", entries)).append("\"\n");
        }
        return text.toString();
    }

    private static Path only(Path dir, String prefix) throws SandboxException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new SandboxException("the kernel package has no " + dir.getFileName() + " folder");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            if (found.size() != 1) {
                throw new SandboxException("the kernel package has " + found.size() + " " + prefix + "* files, expected one");
            }
            return found.getFirst();
        }
    }

    private static Map<String, List<String>> moduleSets() {
        Map<String, List<String>> sets = new LinkedHashMap<>();
        sets.put("base", List.of("virtio_mmio", "virtio_console"));
        sets.put("net", List.of("virtio_net"));
        sets.put("blk", List.of("virtio_blk"));
        sets.put("vsock", List.of("vmw_vsock_virtio_transport"));
        // the root filesystem image: its disk, its file system (built into Debian's cloud kernel,
        // then nothing is loaded for it) and the overlay that makes it writable in memory
        sets.put("root", List.of("virtio_blk", "ext4", "overlay"));
        return Map.copyOf(sets);
    }
}
