package dev.hearth.sandbox.vm.qemu;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.files.Trees;
import dev.hearth.sandbox.process.Executables;
import dev.hearth.sandbox.process.ProcFs;
import dev.hearth.sandbox.process.Reaper;
import dev.hearth.sandbox.process.Signals;
import dev.hearth.sandbox.vm.image.GuestImage;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One QEMU {@code microvm} running a {@link GuestImage}, from its start until the guest's agent has
 * answered a PING on the virtio-serial port {@code agent0}, then handing that stream
 * ({@link #agent()}) to its user until {@link #destroy()}.
 *
 * <p>QEMU runs in its own session and process group ({@code setsid}), registered with the
 * {@link Reaper}, which kills the group if this JVM dies without cleaning up; its folder records
 * who owns it so that {@link #sweep(Path)} can kill what a crash left. The agent's socket is a
 * QEMU server that holds the guest back ({@code wait=on}) until this side is connected, so the guest
 * never sees its port unconnected (its agent would read end of file and the guest power off).
 *
 * <p>{@link #saveState(Path)} writes the paused VM's state to a file; {@link #restore} starts a new
 * VM from it ({@code -incoming}), which answers much sooner than a boot. Clones of one state file
 * run side by side, each in its own folder. Secrets and entropy must be pushed after a restore,
 * never be in a saved state.
 *
 * <p>With {@link VmOptions#rootImage()} set, the root filesystem image is attached read-only and the
 * guest runs its agent in it (the full guest: bash, git, node, python3); a state saved from such a VM
 * restores only with that very image file ({@link VmOptions#rootImageKey()}).
 */
public final class QemuVm implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QemuVm.class);
    private static final ScheduledExecutorService TIMERS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hearth-qemu-timer");
        t.setDaemon(true);
        return t;
    });
    private static final int TAIL_LINES = 15;
    private static final String SHAPE_SUFFIX = ".vm";

    private final GuestImage image;
    private final VmOptions options;
    private final Accelerator accelerator;
    private final VmFolder folder;
    private final Process process;
    private final AtomicBoolean destroyed = new AtomicBoolean();
    private AgentChannel agent;
    private Qmp qmp;
    private String agentHello = "";
    private Duration startup = Duration.ZERO;

    private QemuVm(GuestImage image, VmOptions options, Accelerator accelerator, VmFolder folder, Process process) {
        this.image = image;
        this.options = options;
        this.accelerator = accelerator;
        this.folder = folder;
        this.process = process;
    }

    /** Boots a fresh VM and returns once its agent answers; a boot that does not answer in time is killed. */
    public static QemuVm boot(GuestImage image, VmOptions options) throws SandboxException {
        return start(image, options, null);
    }

    /**
     * Starts a VM from a state file written by {@link #saveState}, with the same image and shape (the
     * state's side file says which; a mismatch is refused), and returns once its agent answers.
     */
    public static QemuVm restore(GuestImage image, Path stateFile, VmOptions options) throws SandboxException {
        if (!Files.isRegularFile(stateFile)) {
            throw new SandboxException("no saved VM state at " + stateFile);
        }
        String expected = shape(image, options);
        String saved;
        try {
            saved = Files.readString(shapeFile(stateFile), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SandboxException("the saved VM state " + stateFile + " has no " + shapeFile(stateFile).getFileName()
                    + " saying which image and shape it was saved from", e);
        }
        if (!saved.equals(expected)) {
            throw new SandboxException("the saved VM state " + stateFile + " is of another image or shape (" + saved
                    + "), not " + expected);
        }
        return start(image, options, stateFile);
    }

    /** The accelerator this host gives guests of {@code image} (probing KVM once, see {@link KvmProbe}). */
    public static Accelerator accelerator(GuestImage image, VmOptions options) throws SandboxException {
        return KvmProbe.choose(qemuBinary(), image.kernel(), options.runRoot());
    }

    /** Whether QEMU can be run here, and if not why: for a backend's availability. */
    public static Optional<String> unavailableReason() {
        return Executables.find("qemu-system-x86_64").isPresent() ? Optional.empty()
                : Optional.of("qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)");
    }

    private static Path qemuBinary() throws SandboxException {
        return Executables.find("qemu-system-x86_64").orElseThrow(() -> new SandboxException(
                "qemu-system-x86_64 is not installed (apt-get install qemu-system-x86)"));
    }

    private static QemuVm start(GuestImage image, VmOptions options, Path incoming) throws SandboxException {
        long begin = System.nanoTime();
        Path qemu = qemuBinary();
        Accelerator accel = KvmProbe.choose(qemu, image.kernel(), options.runRoot());
        VmFolder folder;
        try {
            folder = VmFolder.create(options.runRoot());
        } catch (IOException e) {
            throw new SandboxException("cannot make a folder for the VM in " + options.runRoot() + ": " + e.getMessage(), e);
        }
        List<String> argv = new ArrayList<>();
        argv.add(Executables.require("setsid").toString());
        argv.addAll(QemuCommand.argv(qemu, image, options, accel, folder, incoming));
        Process process;
        try {
            process = new ProcessBuilder(argv)
                    .directory(folder.path().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(folder.qemuLog().toFile())
                    .start();
        } catch (IOException e) {
            deleteQuietly(folder);
            throw new SandboxException("cannot start QEMU: " + e.getMessage(), e);
        }
        // setsid execs QEMU in place (Java's child is no group leader), so QEMU's pid is its group's id.
        Reaper reaper = Reaper.shared();
        reaper.watchGroup(process.pid());
        QemuVm vm = new QemuVm(image, options, accel, folder, process);
        try {
            folder.write(folder.pidFile(), ProcessIdentity.of(process.pid())
                    .orElse(new ProcessIdentity(process.pid(), -1)).text());
            vm.connect(begin, incoming != null);
            vm.startup = Duration.ofNanos(System.nanoTime() - begin);
            LOG.debug("VM {} ({}) answered after {} ms", folder.path().getFileName(), accel, vm.startup.toMillis());
            return vm;
        } catch (SandboxException | IOException | RuntimeException e) {
            String why = e.getMessage();
            vm.destroy();
            if (e instanceof SandboxException s) {
                throw s;
            }
            throw new SandboxException("the VM failed to start: " + why, e);
        }
    }

    /** Connects to the agent's socket (QEMU holds the guest until then) and waits for a PONG. */
    private void connect(long begin, boolean restoring) throws SandboxException, IOException {
        long deadline = begin + options.bootTimeout().toNanos();
        AtomicBoolean timedOut = new AtomicBoolean();
        SocketChannel[] socket = new SocketChannel[1];
        ScheduledFuture<?> alarm = TIMERS.schedule(() -> {
            timedOut.set(true);
            killGroup();
            synchronized (socket) {
                if (socket[0] != null) {
                    try {
                        socket[0].close();
                    } catch (IOException ignored) {
                        // it is being torn down
                    }
                }
            }
        }, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        try {
            SocketChannel channel = openAgentSocket(deadline, timedOut);
            synchronized (socket) {
                socket[0] = channel;
            }
            agent = new AgentChannel(channel);
            if (restoring) {
                continueAfterIncoming(deadline);
            }
            AgentFrames.write(agent.output(), AgentFrames.PING, 1, new byte[0]);
            while (true) {
                AgentFrames.Frame frame = AgentFrames.read(agent.input());
                if (frame.type() == AgentFrames.HELLO) {
                    agentHello = new String(frame.payload(), StandardCharsets.UTF_8);
                } else if (frame.type() == AgentFrames.PONG) {
                    return;
                }
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                throw failure("the VM did not answer within " + options.bootTimeout().toSeconds() + " s", null);
            }
            throw failure("the VM's agent channel failed: " + e.getMessage(), e);
        } finally {
            alarm.cancel(false);
        }
    }

    /**
     * A state saved from a paused VM restores paused: waits until QEMU has read it all, then runs
     * the guest on ({@code cont}).
     */
    private void continueAfterIncoming(long deadline) throws IOException, SandboxException {
        Qmp q = qmpConnection(deadline);
        while (true) {
            String status = Qmp.status(q.execute("{\"execute\":\"query-status\"}"));
            if (status.equals("paused") || status.equals("postmigrate") || status.equals("prelaunch")) {
                q.execute("{\"execute\":\"cont\"}");
                return;
            }
            if (status.equals("running")) {
                return;
            }
            if (!status.equals("inmigrate")) {
                throw failure("the restored VM is " + status + ", not paused or running", null);
            }
            if (System.nanoTime() > deadline) {
                throw failure("QEMU did not finish reading the saved state within " + options.bootTimeout().toSeconds() + " s", null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while restoring a VM", e);
            }
        }
    }

    /** The QMP connection, waiting for QEMU to open its socket (it does so after the agent's). */
    private synchronized Qmp qmpConnection(long deadline) throws IOException, SandboxException {
        while (qmp == null) {
            try {
                qmp = Qmp.connect(folder.qmpSocket());
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw failure("cannot reach QEMU's QMP socket: " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new SandboxException("interrupted while restoring a VM", ie);
                }
            }
        }
        return qmp;
    }

    private SocketChannel openAgentSocket(long deadline, AtomicBoolean timedOut) throws SandboxException {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(folder.agentSocket());
        while (true) {
            if (Files.exists(folder.agentSocket())) {
                try {
                    return SocketChannel.open(address);
                } catch (IOException e) {
                    // made but not listening yet
                }
            }
            if (!process.isAlive()) {
                throw failure("QEMU exited with status " + process.exitValue() + " before the guest started", null);
            }
            if (timedOut.get() || System.nanoTime() > deadline) {
                throw failure("QEMU did not open the agent socket within " + options.bootTimeout().toSeconds() + " s", null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while starting a VM", e);
            }
        }
    }

    private SandboxException failure(String what, Throwable cause) {
        String message = what + " (" + accelerator + ", " + folder.path().getFileName() + ")"
                + "\nQEMU said:\n" + folder.tail(folder.qemuLog(), TAIL_LINES)
                + "\nguest console (last lines):\n" + folder.tail(folder.console(), TAIL_LINES);
        return new SandboxException(message, cause);
    }

    /** The connected, greeted stream to the guest agent. */
    public AgentChannel agent() {
        return agent;
    }

    /** What the agent said when it started ({@code hearth-agent 1}); empty after a restore. */
    public String agentHello() {
        return agentHello;
    }

    /** From starting QEMU to the agent's first PONG. */
    public Duration startup() {
        return startup;
    }

    public Accelerator acceleratorUsed() {
        return accelerator;
    }

    public GuestImage image() {
        return image;
    }

    public VmOptions options() {
        return options;
    }

    /** QEMU's pid, which is also its process group's id. */
    public long pid() {
        return process.pid();
    }

    /** The VM's private folder (sockets, console log, pid files); gone after {@link #destroy()}. */
    public Path directory() {
        return folder.path();
    }

    /** The last lines the guest printed on its console, for error messages. */
    public String consoleTail(int lines) {
        return folder.tail(folder.console(), lines);
    }

    public boolean isAlive() {
        return !destroyed.get() && process.isAlive();
    }

    /**
     * Pauses the VM and writes its state (memory and devices) to {@code stateFile}, plus a side file
     * ({@code <stateFile>.vm}) naming its image and shape. The VM stays paused; {@link #resume()}
     * runs it on, though a VM whose state was saved is usually destroyed and its clones used instead.
     */
    public synchronized void saveState(Path stateFile) throws SandboxException {
        String target = stateFile.toAbsolutePath().toString();
        if (target.contains("'")) {
            throw new SandboxException("a state file's path cannot contain a single quote: " + target);
        }
        try {
            Files.createDirectories(stateFile.toAbsolutePath().getParent());
            Qmp q = qmp();
            // QEMU's default migration bandwidth (128 MiB/s) would throttle a write to a local file.
            q.execute("{\"execute\":\"migrate-set-parameters\",\"arguments\":{\"max-bandwidth\":107374182400}}");
            q.execute("{\"execute\":\"stop\"}");
            q.execute("{\"execute\":\"migrate\",\"arguments\":{\"uri\":" + Qmp.quote("exec:cat > '" + target + "'") + "}}");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                String status = Qmp.status(q.execute("{\"execute\":\"query-migrate\"}"));
                if (status.equals("completed")) {
                    break;
                }
                if (status.equals("failed") || status.equals("cancelled")) {
                    throw new SandboxException("saving the VM's state to " + target + " " + status);
                }
                if (System.nanoTime() > deadline) {
                    throw new SandboxException("saving the VM's state to " + target + " took over 120 s");
                }
                Thread.sleep(10);
            }
            Files.writeString(shapeFile(stateFile), shape(image, options) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SandboxException("cannot save the VM's state: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while saving the VM's state", e);
        }
    }

    /** Runs a paused VM on. */
    public synchronized void resume() throws SandboxException {
        try {
            qmp().execute("{\"execute\":\"cont\"}");
        } catch (IOException e) {
            throw new SandboxException("cannot resume the VM: " + e.getMessage(), e);
        }
    }

    private Qmp qmp() throws IOException {
        if (destroyed.get()) {
            throw new IOException("the VM is destroyed");
        }
        if (qmp == null) {
            qmp = Qmp.connect(folder.qmpSocket());
        }
        return qmp;
    }

    /**
     * Kills QEMU (its whole process group), waits for it and deletes the VM's folder. Safe to call
     * more than once and from any thread.
     */
    public void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        if (agent != null) {
            agent.close();
        }
        synchronized (this) {
            if (qmp != null) {
                qmp.close();
            }
        }
        killGroup();
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                LOG.warn("QEMU (pid {}) did not end within 10 s of SIGKILL", process.pid());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Reaper.shared().forgetGroup(process.pid());
        } catch (SandboxException e) {
            // no reaper: nothing to tell it
        }
        deleteQuietly(folder);
    }

    @Override
    public void close() {
        destroy();
    }

    private void killGroup() {
        if (process.isAlive()) {
            Signals.toGroup(process.pid(), Signals.KILL);
        }
    }

    /**
     * Kills the QEMU of every VM folder under {@code runRoot} whose owner process is gone (a crashed
     * or killed Hearth), and deletes those folders. A process is killed only if it is the very one
     * the folder recorded (same pid and start time) and its command line names the folder. Returns
     * the folders swept.
     */
    public static List<Path> sweep(Path runRoot) {
        List<Path> swept = new ArrayList<>();
        if (!Files.isDirectory(runRoot)) {
            return swept;
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(runRoot, Files::isDirectory)) {
            for (Path dir : dirs) {
                VmFolder folder = new VmFolder(dir);
                Optional<ProcessIdentity> owner = folder.read(folder.ownerFile());
                if (owner.isPresent() && owner.get().isRunning()) {
                    continue;
                }
                if (owner.isEmpty() && !olderThan(dir, Duration.ofMinutes(1))) {
                    continue; // being made right now: its owner file comes next
                }
                folder.read(folder.pidFile()).ifPresent(qemu -> killIfOurs(qemu, dir));
                deleteQuietly(folder);
                swept.add(dir);
            }
        } catch (IOException e) {
            LOG.warn("cannot sweep VM folders in {}: {}", runRoot, e.getMessage());
        }
        return swept;
    }

    private static void killIfOurs(ProcessIdentity qemu, Path dir) {
        if (!qemu.isRunning()) {
            return;
        }
        String cmdline;
        try {
            cmdline = Files.readString(Path.of("/proc", Long.toString(qemu.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return;
        }
        if (!cmdline.contains(dir.toString() + "/") || !cmdline.contains("qemu-system")) {
            LOG.warn("not killing pid {}: it is not the QEMU of {}", qemu.pid(), dir);
            return;
        }
        LOG.info("killing QEMU pid {} left by a dead owner in {}", qemu.pid(), dir);
        if (ProcFs.processGroup(qemu.pid()).orElse(-1) == qemu.pid()) {
            Signals.toGroup(qemu.pid(), Signals.KILL);
        } else {
            Signals.toProcesses(List.of(qemu.pid()), Signals.KILL);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (qemu.isRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean olderThan(Path dir, Duration age) {
        try {
            return Files.getLastModifiedTime(dir).toInstant().isBefore(java.time.Instant.now().minus(age));
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(VmFolder folder) {
        try {
            Trees.delete(folder.path());
        } catch (IOException e) {
            LOG.warn("cannot delete the VM folder {}: {}", folder.path(), e.getMessage());
        }
    }

    private static Path shapeFile(Path stateFile) {
        return stateFile.resolveSibling(stateFile.getFileName() + SHAPE_SUFFIX);
    }

    /**
     * What a saved state must be restored with: the same guest, the same virtual hardware and the
     * same root image (see {@link VmOptions#rootImageKey()}).
     */
    private static String shape(GuestImage image, VmOptions options) {
        // the root image only when there is one, so states saved before it existed still match
        return "image=" + image.recipeHash() + " memory=" + options.memoryMib() + " cpus=" + options.cpus()
                + " network=" + options.network() + (options.rootImage() != null ? " " + options.rootImageKey() : "");
    }

    @Override
    public String toString() {
        return "QemuVm[" + folder.path().getFileName() + ", pid " + process.pid() + ", " + accelerator + "]";
    }
}
