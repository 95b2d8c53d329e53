package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.CollectedOutput;
import dev.hearth.sandbox.ExecRequest;
import dev.hearth.sandbox.ExitStatus;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.ResourceLimits;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.agent.AgentClient;
import dev.hearth.sandbox.agent.AgentSandbox;
import dev.hearth.sandbox.vm.image.GuestImage;
import dev.hearth.sandbox.vm.image.GuestImageBuilder;
import dev.hearth.sandbox.vm.image.RootfsBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sandboxes that are QEMU microVMs: each one a guest of the image {@code hearth image build} makes,
 * reached through its agent on a virtio-serial port, and gone when destroyed. A VM is either booted
 * (seconds under software emulation) or, by default, restored from a state saved once per image and
 * shape (a fraction of a second); the state is made on first use, by a booted VM that never ran a
 * command. A restored guest gets the host's time and fresh randomness before it is handed out, since
 * every clone of one state starts with the same clock and random pool; the environment, secrets
 * included, reaches each command with the command and is never part of a saved state.
 *
 * <p>No network card unless the spec asks for the host's network (then QEMU's user-mode network,
 * which reaches out but leaves the host's loopback unreachable); memory and CPUs from the spec's
 * limits, else the defaults.
 */
public final class QemuBackend implements SandboxBackend {
    private static final Logger LOG = LoggerFactory.getLogger(QemuBackend.class);
    public static final String NAME = "qemu";
    /** Where Hearth's files live in a guest. */
    public static final String WORK_ROOT = "/hearth";
    private static final BackendInfo INFO = new BackendInfo(NAME, BackendInfo.Isolation.VM,
            Set.of(BackendInfo.Capability.SNAPSHOTS, BackendInfo.Capability.NETWORK_POLICY,
                    BackendInfo.Capability.RESOURCE_LIMITS));
    private static final AtomicBoolean SWEPT = new AtomicBoolean();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How a VM comes up. */
    public enum Start {
        /** A fresh boot every time. */
        BOOT,
        /** A clone of a state saved once per image and shape. */
        RESTORE
    }

    /** Which guest a VM runs: the busybox-only initramfs, or it over the Debian root filesystem. */
    public sealed interface Guest {
        /** The full guest when its root filesystem is built or can be built here, else the small one. */
        record Auto() implements Guest {
        }

        /** The busybox-only guest: fast to make, enough for sh steps. */
        record Small() implements Guest {
        }

        /** The full guest (bash, git, curl, node, python3), built on first use; unavailable where it cannot be. */
        record Full() implements Guest {
        }

        /** The full guest over a root filesystem image of the user's (ext4, labelled as the built one). */
        record Image(Path file) implements Guest {
        }

        /** From {@code HEARTH_QEMU_ROOTFS}: {@code auto} (or unset), {@code small}, {@code full}, or an image's path. */
        public static Guest parse(String value) {
            String v = value == null ? "" : value.strip();
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "", "auto" -> new Auto();
                case "small", "0", "false", "none" -> new Small();
                case "full", "1", "true" -> new Full();
                default -> {
                    if (!v.startsWith("/")) {
                        throw new IllegalArgumentException("HEARTH_QEMU_ROOTFS must be auto, small, full or the absolute "
                                + "path of a root filesystem image, not '" + v + "'");
                    }
                    yield new Image(Path.of(v));
                }
            };
        }
    }

    /**
     * @param base        the VM shape used where the spec sets no limit
     * @param start       boot or restore
     * @param images      where guest images (and their saved states) are kept
     * @param outputLimit what one command may print before the rest is cut
     * @param guest       which guest
     */
    public record Settings(VmOptions base, Start start, GuestImageBuilder images, long outputLimit, Guest guest) {
        /** The small guest's settings, as tests and benches want them (no root filesystem to build). */
        public Settings(VmOptions base, Start start, GuestImageBuilder images, long outputLimit) {
            this(base, start, images, outputLimit, new Guest.Small());
        }

        /**
         * From {@code HEARTH_QEMU_MEMORY_MB} (256), {@code HEARTH_QEMU_CPUS} (1),
         * {@code HEARTH_QEMU_START} ({@code restore} or {@code boot}; restore by default) and
         * {@code HEARTH_QEMU_ROOTFS} (see {@link Guest#parse}).
         *
         * @throws IllegalArgumentException for a value that is not one of those
         */
        public static Settings fromEnvironment(Map<String, String> env) {
            VmOptions options = VmOptions.defaults();
            String memory = env.get("HEARTH_QEMU_MEMORY_MB");
            if (memory != null && !memory.isBlank()) {
                options = options.withMemoryMib(number("HEARTH_QEMU_MEMORY_MB", memory));
            }
            String cpus = env.get("HEARTH_QEMU_CPUS");
            if (cpus != null && !cpus.isBlank()) {
                options = options.withCpus(number("HEARTH_QEMU_CPUS", cpus));
            }
            String start = env.getOrDefault("HEARTH_QEMU_START", "restore").strip().toLowerCase(Locale.ROOT);
            Start mode = switch (start) {
                case "restore", "" -> Start.RESTORE;
                case "boot" -> Start.BOOT;
                default -> throw new IllegalArgumentException(
                        "HEARTH_QEMU_START must be restore or boot, not '" + start + "'");
            };
            return new Settings(options, mode, GuestImageBuilder.inUserCache(), AgentSandbox.DEFAULT_OUTPUT_LIMIT,
                    Guest.parse(env.get("HEARTH_QEMU_ROOTFS")));
        }

        private static int number(String name, String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, not '" + value + "'");
            }
        }
    }

    private final Settings settings;
    /** The image, once built or found: checking the recipe again costs tens of milliseconds per VM. */
    private volatile GuestImage image;
    /** The root filesystem image once decided (empty: the small guest); null until then. */
    private volatile Optional<Path> rootImage;

    public QemuBackend(Settings settings) {
        this.settings = settings;
    }

    /** The backend as the environment configures it. */
    public static QemuBackend fromEnvironment() {
        return new QemuBackend(Settings.fromEnvironment(System.getenv()));
    }

    @Override
    public BackendInfo info() {
        return INFO;
    }

    @Override
    public Availability availability() {
        Optional<String> qemu = QemuVm.unavailableReason();
        if (qemu.isPresent()) {
            return Availability.no(qemu.get());
        }
        String guest = switch (settings.guest()) {
            case Guest.Small s -> "the busybox-only guest";
            case Guest.Image i -> Files.isRegularFile(i.file()) ? "the full guest over " + i.file() : null;
            case Guest.Full f -> fullGuestAvailable() ? "the full Debian guest" : null;
            case Guest.Auto a -> fullGuestAvailable() ? "the full Debian guest"
                    : "the busybox-only guest (for the full one: " + RootfsBuilder.unavailableReason().orElse("?") + ")";
        };
        if (guest == null) {
            return Availability.no(settings.guest() instanceof Guest.Image i ? "no root filesystem image at " + i.file()
                    : "the full guest cannot be built here: " + RootfsBuilder.unavailableReason().orElse("?"));
        }
        return Availability.yes("qemu-system-x86_64 found; " + guest + ", " + (settings.start() == Start.RESTORE
                ? "restored from a saved state" : "booted") + ", made on first use (hearth image build)");
    }

    private static boolean fullGuestAvailable() {
        return RootfsBuilder.inUserCache().cached().isPresent() || RootfsBuilder.unavailableReason().isEmpty();
    }

    /** The root filesystem image for this backend's guest, or null for the small guest; built on first use. */
    private Path rootImage() throws SandboxException {
        Optional<Path> known = rootImage;
        if (known != null && known.map(Files::isRegularFile).orElse(true)) {
            return known.orElse(null);
        }
        Optional<Path> decided = switch (settings.guest()) {
            case Guest.Small s -> Optional.empty();
            case Guest.Image i -> {
                if (!Files.isRegularFile(i.file())) {
                    throw new SandboxException("no root filesystem image at " + i.file() + " (HEARTH_QEMU_ROOTFS)");
                }
                yield Optional.of(i.file());
            }
            case Guest.Full f -> Optional.of(buildRoot());
            case Guest.Auto a -> fullGuestAvailable() ? Optional.of(buildRoot()) : Optional.empty();
        };
        rootImage = decided;
        return decided.orElse(null);
    }

    private static Path buildRoot() throws SandboxException {
        RootfsBuilder builder = RootfsBuilder.inUserCache();
        Optional<RootfsBuilder.RootImage> cached = builder.cached();
        if (cached.isPresent()) {
            return cached.get().file();
        }
        LOG.warn("building the guest's root filesystem (first use; a minute or two): hearth image build --rootfs");
        return builder.build(line -> LOG.info("rootfs: {}", line)).image().file();
    }

    /** The options for a spec: its limits over the defaults, and a network card only for the host's network. */
    VmOptions options(SandboxSpec spec) throws SandboxException {
        VmOptions o = settings.base().withNetwork(spec.network() == NetworkPolicy.HOST);
        Path root = rootImage();
        if (root != null && o.rootImage() == null) {
            o = o.withRootImage(root);
        }
        ResourceLimits limits = spec.limits();
        if (limits.memoryBytes() > 0) {
            o = o.withMemoryMib((int) Math.max(64, limits.memoryBytes() / (1024 * 1024)));
        }
        if (limits.cpus() > 0) {
            o = o.withCpus(limits.cpus());
        }
        return o;
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        VmOptions options = options(spec);
        if (SWEPT.compareAndSet(false, true)) {
            List<Path> swept = QemuVm.sweep(options.runRoot());
            if (!swept.isEmpty()) {
                LOG.warn("cleared {} VM(s) that an earlier Hearth process left behind: {}", swept.size(), swept);
            }
        }
        GuestImage image = image();
        QemuVm vm = settings.start() == Start.RESTORE
                ? QemuVm.restore(image, stateFile(image, options), options)
                : QemuVm.boot(image, options);
        try {
            AgentChannel channel = vm.agent();
            AgentClient agent = AgentClient.connect("qemu-" + vm.pid(), channel.input(), channel.output(),
                    new AgentClient.Connection() {
                        @Override
                        public boolean isOpen() {
                            return channel.isOpen() && vm.isAlive();
                        }

                        @Override
                        public void close() {
                            channel.close();
                        }
                    }, Duration.ofSeconds(30));
            AgentSandbox sandbox = AgentSandbox.open(spec.name(), INFO, WORK_ROOT, spec.env(), agent, vm::destroy,
                    settings.outputLimit());
            if (settings.start() == Start.RESTORE) {
                // also the restored guest's first process, which under emulation costs some 200 ms of
                // translating code afresh: paid here, it is paid ahead of time in a warm pool
                freshen(sandbox);
            }
            return sandbox;
        } catch (IOException | SandboxException | RuntimeException e) {
            vm.destroy();
            throw e instanceof SandboxException se ? se
                    : new SandboxException("the VM's agent did not answer: " + e.getMessage(), e);
        }
    }

    private GuestImage image() throws SandboxException {
        GuestImage known = image;
        if (known == null || !Files.isRegularFile(known.initrd()) || !Files.isRegularFile(known.kernel())) {
            known = settings.images().build().image();
            image = known;
        }
        return known;
    }

    /**
     * Gives a restored guest the host's clock and mixes fresh bytes into its random pool: every clone
     * of one saved state would otherwise start with the same of both.
     */
    private static void freshen(Sandbox sandbox) throws SandboxException {
        byte[] seed = new byte[64];
        RANDOM.nextBytes(seed);
        StringBuilder escaped = new StringBuilder();
        for (byte b : seed) {
            escaped.append('\\').append(Integer.toOctalString(b & 0xff));
        }
        Instant now = Instant.now();
        String script = "date -u -s @" + now.getEpochSecond() + " >/dev/null && printf '" + escaped + "' > /dev/urandom";
        CollectedOutput out = new CollectedOutput();
        ExitStatus status;
        try {
            status = sandbox.exec(new ExecRequest(List.of("/bin/sh", "-c", script), Map.of("PATH", "/bin:/sbin"),
                    WORK_ROOT, Duration.ofSeconds(30)), out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sandbox.destroy();
            throw new SandboxException("interrupted while preparing a restored VM", e);
        }
        if (!status.success()) {
            sandbox.destroy();
            throw new SandboxException("a restored VM could not take the host's time and fresh randomness: "
                    + out.errorText().strip());
        }
    }

    /**
     * The saved state for this image and shape, made now by a VM booted for it when there is none
     * yet. One process makes it while others wait (a file lock); it is written under another name and
     * renamed, so no one restores half a state.
     */
    Path stateFile(GuestImage image, VmOptions options) throws SandboxException {
        Path dir = image.directory().resolve("states");
        // the kernel's command line is part of a saved guest: a state saved under other arguments is not reused
        String name = options.memoryMib() + "m-" + options.cpus() + "c-" + (options.network() ? "net" : "nonet") + "-"
                + Integer.toHexString(QemuCommand.KERNEL_ARGS.hashCode())
                + (options.rootImage() != null ? "-" + options.rootImageKey() : "");
        Path state = dir.resolve(name + ".state");
        if (Files.isRegularFile(state) && Files.isRegularFile(sideFile(state))) {
            return state;
        }
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (Files.isRegularFile(state) && Files.isRegularFile(sideFile(state))) {
                    return state;
                }
                Path partial = dir.resolve(name + "." + ProcessHandle.current().pid() + ".partial");
                QemuVm vm = QemuVm.boot(image, options);
                try {
                    vm.saveState(partial);
                } finally {
                    vm.destroy();
                }
                // the side file first: a state without one is never taken as done
                Files.move(sideFile(partial), sideFile(state), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
                Files.move(partial, state, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                LOG.info("saved a {} VM state for image {} at {}", name, image.recipeHash(), state);
                return state;
            }
        } catch (IOException e) {
            throw new SandboxException("cannot make the saved VM state " + state + ": " + e.getMessage(), e);
        }
    }

    private static Path sideFile(Path state) {
        return state.resolveSibling(state.getFileName() + ".vm");
    }
}
