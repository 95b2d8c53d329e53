package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.NetworkPolicy;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.agent.AgentClient;
import dev.hearth.sandbox.agent.AgentSandbox;
import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sandboxes that are Firecracker microVMs. {@link #create} boots the guest and hands out its agent as
 * an {@link AgentSandbox}; {@link #snapshot} boots one, saves it and lets it go, and {@link #restore}
 * starts a sandbox from such a save in a fresh process. Whatever fails after a VM's process exists
 * kills it and removes its folder before the exception reaches the caller. Commands get no network:
 * the VM has no network interface.
 */
public final class FirecrackerBackend implements SandboxBackend {
    public static final String NAME = "firecracker";
    public static final BackendInfo INFO = new BackendInfo(NAME, BackendInfo.Isolation.VM,
            Set.of(BackendInfo.Capability.SNAPSHOTS, BackendInfo.Capability.KVM));
    private static final Logger LOG = LoggerFactory.getLogger(FirecrackerBackend.class);
    private static final Path KVM = Path.of("/dev/kvm");

    private final FirecrackerSettings settings;
    private final Path kvm;

    public FirecrackerBackend(FirecrackerSettings settings) {
        this(settings, KVM);
    }

    FirecrackerBackend(FirecrackerSettings settings, Path kvm) {
        this.settings = settings;
        this.kvm = kvm;
    }

    public FirecrackerSettings settings() {
        return settings;
    }

    @Override
    public BackendInfo info() {
        return INFO;
    }

    /**
     * Available when the firecracker binary (and the jailer, when configured) is executable, the
     * guest kernel exists, and {@code /dev/kvm} opens for reading and writing. Opening it runs no vCPU,
     * so it cannot tell a nested KVM that hangs from one that works; it never waits more than a second.
     */
    @Override
    public Availability availability() {
        if (!Files.isRegularFile(settings.firecracker()) || !Files.isExecutable(settings.firecracker())) {
            return Availability.no("no firecracker binary at " + settings.firecracker());
        }
        if (settings.jailer() != null && !Files.isExecutable(settings.jailer().binary())) {
            return Availability.no("no jailer binary at " + settings.jailer().binary());
        }
        if (!Files.isReadable(settings.kernel())) {
            return Availability.no("no guest kernel at " + settings.kernel() + " (hearth image build makes one)");
        }
        String kvmProblem = kvmProblem(kvm);
        if (kvmProblem != null) {
            return Availability.no(kvmProblem);
        }
        return Availability.yes("firecracker at " + settings.firecracker() + ", KVM at " + kvm);
    }

    static String kvmProblem(Path device) {
        if (!Files.exists(device)) {
            return device + " is missing: Firecracker needs KVM";
        }
        CompletableFuture<String> opened = CompletableFuture.supplyAsync(() -> {
            try (RandomAccessFile f = new RandomAccessFile(device.toFile(), "rw")) {
                return null;
            } catch (IOException e) {
                return "cannot open " + device + " for reading and writing: " + e.getMessage();
            }
        });
        try {
            return opened.get(1, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return "opening " + device + " did not finish within a second";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking " + device;
        } catch (java.util.concurrent.ExecutionException e) {
            return "cannot check " + device + ": " + e.getCause();
        }
    }

    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        return open(spec, (vm, deadline) -> vm.boot(vcpus(spec), memoryMib(spec)));
    }

    /**
     * Starts a sandbox from a snapshot in a fresh process: the guest resumes where it was saved and its
     * agent is connected anew (vsock connections do not survive a restore).
     */
    public Sandbox restore(SandboxSpec spec, FirecrackerSnapshot snapshot) throws SandboxException {
        if (!Files.isRegularFile(snapshot.state()) || !Files.isRegularFile(snapshot.memory())) {
            throw new SandboxException("no snapshot at " + snapshot.state() + " and " + snapshot.memory());
        }
        return open(spec, (vm, deadline) -> vm.restore(snapshot));
    }

    /**
     * Boots a VM, waits for its agent, lets go of the agent, pauses the VM and saves it into
     * {@code directory}; the VM is then destroyed. The guest's init must start the agent again when
     * its connection ends, as a restored guest's vsock connections are reset.
     */
    public FirecrackerSnapshot snapshot(String name, Path directory) throws SandboxException {
        Instant deadline = Instant.now().plus(settings.bootTimeout());
        FirecrackerVm vm = FirecrackerVm.launch(settings, name, deadline);
        try {
            vm.boot(settings.vcpus(), settings.memoryMib());
            vm.connectAgent(name, deadline).close();
            return vm.snapshot(directory);
        } catch (IOException e) {
            throw new SandboxException("cannot make a snapshot of " + name + ": " + e.getMessage(), e);
        } finally {
            vm.destroy();
        }
    }

    /** How a fresh VM gets running: booted, or loaded from a snapshot. */
    private interface Start {
        void run(FirecrackerVm vm, Instant deadline) throws IOException;
    }

    private Sandbox open(SandboxSpec spec, Start start) throws SandboxException {
        if (spec.network() != NetworkPolicy.NONE) {
            throw new SandboxException("the firecracker backend has no network for commands yet (asked: "
                    + spec.network() + ")");
        }
        Path hostDir = spec.hostDir().toAbsolutePath();
        try {
            Files.createDirectories(hostDir);
        } catch (IOException e) {
            throw new SandboxException("cannot create " + hostDir + ": " + e.getMessage(), e);
        }
        Instant deadline = Instant.now().plus(settings.bootTimeout());
        FirecrackerVm vm;
        try {
            vm = FirecrackerVm.launch(settings, spec.name(), deadline);
        } catch (SandboxException e) {
            deleteQuietly(hostDir);
            throw e;
        }
        AgentSandbox.Release release = () -> {
            try {
                vm.destroy();
            } finally {
                deleteQuietly(hostDir);
            }
        };
        AgentClient agent;
        try {
            start.run(vm, deadline);
            agent = vm.connectAgent(spec.name(), deadline);
        } catch (IOException | RuntimeException e) {
            release.release();
            throw new SandboxException("cannot start the Firecracker VM " + spec.name() + ": " + e.getMessage(), e);
        }
        return AgentSandbox.open(spec.name(), INFO, settings.workRoot(), spec.env(), agent, release);
    }

    /**
     * Kills the VMs whose Hearth process is gone (a crash, {@code kill -9} of Hearth and its watchdog)
     * and removes their folders. Safe while other Hearth processes use the same state folder: their
     * VMs are left alone.
     *
     * @return the folders removed
     */
    public List<Path> sweep() {
        List<VmFolder.Swept> swept = VmFolder.sweep(settings.stateDir());
        for (VmFolder.Swept s : swept) {
            LOG.info("removed a Firecracker VM left by a Hearth that is gone: {}{}", s.folder(),
                    s.killed() ? " (its process was killed)" : "");
        }
        return swept.stream().map(VmFolder.Swept::folder).toList();
    }

    private int vcpus(SandboxSpec spec) {
        int asked = spec.limits().cpus();
        return asked <= 0 ? settings.vcpus() : Math.min(asked, 32);
    }

    private int memoryMib(SandboxSpec spec) {
        long bytes = spec.limits().memoryBytes();
        return bytes <= 0 ? settings.memoryMib() : (int) Math.max(1, (bytes + (1 << 20) - 1) >> 20);
    }

    private static void deleteQuietly(Path dir) {
        try {
            Trees.delete(dir);
        } catch (NoSuchFileException e) {
            // gone already
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", dir, e.getMessage());
        }
    }
}
