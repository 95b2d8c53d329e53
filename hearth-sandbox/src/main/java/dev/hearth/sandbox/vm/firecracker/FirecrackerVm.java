package dev.hearth.sandbox.vm.firecracker;

import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.agent.AgentClient;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One microVM: its folder, its process and its API. It is made either booted from the guest files or
 * loaded from a snapshot, and {@link #destroy()} (idempotent) kills the process and removes the
 * folder. Every method that fails after the process exists leaves the cleaning to the caller, who
 * calls {@link #destroy()}; {@link #launch} itself leaves nothing behind when it fails.
 */
final class FirecrackerVm {
    /** The vsock device's unix socket, relative to the process's working folder (its root). */
    static final String VSOCK_SOCKET = "v.sock";
    /** The first context id a guest may have. */
    static final int GUEST_CID = 3;

    private final FirecrackerSettings settings;
    private final VmFolder folder;
    private final FirecrackerProcess process;
    /** The folder the process sees as its own: the VM folder, or the jailer's chroot. */
    private final Path root;
    private final FirecrackerApi api;
    private final AtomicBoolean destroyed = new AtomicBoolean();

    private FirecrackerVm(FirecrackerSettings settings, VmFolder folder, FirecrackerProcess process, Path root) {
        this.settings = settings;
        this.folder = folder;
        this.process = process;
        this.root = root;
        this.api = new FirecrackerApi(root.resolve(FirecrackerProcess.API_SOCKET), settings.apiTimeout());
    }

    /** Starts a fresh process in a new folder and waits until its API socket answers. */
    static FirecrackerVm launch(FirecrackerSettings settings, String name, Instant deadline) throws SandboxException {
        VmFolder folder;
        try {
            folder = VmFolder.create(settings.stateDir(), name);
        } catch (IOException e) {
            throw new SandboxException("cannot make a VM folder in " + settings.stateDir() + ": " + e.getMessage(), e);
        }
        Path root = folder.dir();
        if (settings.jailer() != null) {
            root = settings.jailer().chroot(settings.firecracker(), folder.id());
            try {
                folder.recordChroot(root.getParent());
            } catch (IOException e) {
                folder.remove();
                throw new SandboxException("cannot record the chroot of " + name + ": " + e.getMessage(), e);
            }
        }
        FirecrackerProcess process;
        try {
            process = FirecrackerProcess.start(settings, folder);
        } catch (SandboxException e) {
            folder.remove();
            throw e;
        }
        FirecrackerVm vm = new FirecrackerVm(settings, folder, process, root);
        try {
            vm.awaitApi(deadline);
        } catch (IOException e) {
            vm.destroy();
            throw new SandboxException("Firecracker for " + name + " did not start: " + e.getMessage(), e);
        }
        return vm;
    }

    VmFolder folder() {
        return folder;
    }

    long pid() {
        return process.pid();
    }

    private void awaitApi(Instant deadline) throws IOException {
        Path socket = root.resolve(FirecrackerProcess.API_SOCKET);
        while (true) {
            checkProcess();
            if (Files.exists(socket)) {
                try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    return;
                } catch (IOException e) {
                    // bound but not listening yet
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("its API socket " + socket + " did not appear in time");
            }
            pause(Duration.ofMillis(10));
        }
    }

    private void checkProcess() throws IOException {
        if (!process.isAlive()) {
            String log = folder.logTail();
            throw new IOException("the firecracker process " + process.exitDescription()
                    + (log.isEmpty() ? "" : ": " + log));
        }
    }

    /** Configures the machine and boots it: boot source, drives, machine config, vsock, start. */
    void boot(int vcpus, int memoryMib) throws IOException {
        api.putBootSource(new FirecrackerApi.BootSource(visible(settings.kernel()), settings.guestCommandLine(),
                settings.initrd() == null ? null : visible(settings.initrd())));
        if (settings.rootfs() != null) {
            // read-only: clones of a snapshot share the image; writes go to the guest's memory
            api.putDrive(new FirecrackerApi.Drive("rootfs", visible(settings.rootfs()), true, true));
        }
        api.putMachineConfig(new FirecrackerApi.MachineConfig(vcpus, memoryMib));
        api.putVsock(new FirecrackerApi.Vsock(GUEST_CID, VSOCK_SOCKET));
        api.startInstance();
    }

    /** Loads a snapshot into this fresh process and resumes it. */
    void restore(FirecrackerSnapshot snapshot) throws IOException {
        api.loadSnapshot(Path.of(visible(snapshot.state())), Path.of(visible(snapshot.memory())), true);
    }

    /**
     * Pauses the machine and saves it into {@code target} as {@code state} and {@code memory}. The
     * machine stays paused.
     */
    FirecrackerSnapshot snapshot(Path target) throws IOException {
        api.pause();
        Files.createDirectories(target);
        if (settings.jailer() == null) {
            FirecrackerSnapshot saved = new FirecrackerSnapshot(target.toAbsolutePath().resolve("state"),
                    target.toAbsolutePath().resolve("memory"));
            api.createSnapshot(saved.state(), saved.memory());
            return saved;
        }
        // a jailed process writes inside its chroot only: the files are moved out afterwards
        api.createSnapshot(Path.of("/state"), Path.of("/memory"));
        Path state = Files.move(root.resolve("state"), target.resolve("state"), StandardCopyOption.REPLACE_EXISTING);
        Path memory = Files.move(root.resolve("memory"), target.resolve("memory"), StandardCopyOption.REPLACE_EXISTING);
        return new FirecrackerSnapshot(state.toAbsolutePath(), memory.toAbsolutePath());
    }

    /**
     * Connects to the guest's agent, trying again while the guest boots, and waits for its answer.
     *
     * @throws IOException when it does not answer by the deadline or the process ends
     */
    AgentClient connectAgent(String name, Instant deadline) throws IOException {
        Path uds = root.resolve(VSOCK_SOCKET);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            checkProcess();
            Duration left = Duration.between(Instant.now(), deadline);
            VsockConnector.Stream stream;
            try {
                stream = VsockConnector.connect(uds, settings.agentPort(), left);
            } catch (IOException e) {
                last = e;
                pause(Duration.ofMillis(20));
                continue;
            }
            left = Duration.between(Instant.now(), deadline);
            AgentClient.Connection connection = new AgentClient.Connection() {
                @Override
                public boolean isOpen() {
                    return stream.channel().isOpen() && process.isAlive();
                }

                @Override
                public void close() {
                    UnixHttp.closeQuietly(stream.channel());
                }
            };
            try {
                return AgentClient.connect(name, stream.in(), stream.out(), connection,
                        left.isNegative() ? Duration.ZERO : left);
            } catch (IOException e) {
                throw new IOException("the agent in " + name + " did not answer within "
                        + settings.bootTimeout().toMillis() + " ms: " + e.getMessage(), e);
            }
        }
        throw new IOException("the agent in " + name + " could not be reached on vsock port " + settings.agentPort()
                + " within " + settings.bootTimeout().toMillis() + " ms"
                + (last == null ? "" : " (last: " + last.getMessage() + ")"));
    }

    /**
     * A host file as the process names it: its own path, or, under the jailer, a link to it inside
     * the chroot (the jailed process sees nothing else). The jailed user must be able to read it.
     */
    private String visible(Path file) throws IOException {
        if (settings.jailer() == null) {
            return file.toAbsolutePath().toString();
        }
        Path inside = root.resolve(file.getFileName().toString());
        if (!Files.exists(inside)) {
            try {
                Files.createLink(inside, file);
            } catch (IOException | UnsupportedOperationException e) {
                Files.copy(file, inside); // another file system: a copy will do
            }
        }
        return "/" + file.getFileName();
    }

    /** Kills the process and removes the folder. Idempotent, never throws. */
    void destroy() {
        if (!destroyed.compareAndSet(false, true)) {
            return;
        }
        try {
            process.kill();
        } finally {
            folder.remove();
        }
    }

    boolean isDestroyed() {
        return destroyed.get();
    }

    private static void pause(Duration d) throws IOException {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
