package dev.hearth.sandbox.fcctl;

import dev.hearth.sandbox.Availability;
import dev.hearth.sandbox.BackendInfo;
import dev.hearth.sandbox.Sandbox;
import dev.hearth.sandbox.SandboxBackend;
import dev.hearth.sandbox.SandboxException;
import dev.hearth.sandbox.SandboxSpec;
import dev.hearth.sandbox.Sandboxes;
import dev.hearth.sandbox.files.Trees;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code fcctl} backend: each sandbox is a VM of a remote fcctl-web server (the VM API the seed
 * used), made with {@code POST /api/vms}, waited for until it is "running", used through
 * {@code execute} calls and deleted on destroy. Configured from {@link FcctlSettings}; without
 * {@code HEARTH_FCCTL_URL} it is there but not available.
 *
 * <p>A VM is never left behind by Hearth's doing: when anything fails after the server gave the VM's
 * id (it never reaches "running", reaches "failed", the work root cannot be made), the VM is deleted
 * before the error goes up. One gap remains: a create call whose answer is lost (a timeout) may have
 * made a VM whose id Hearth never learnt.
 */
public final class FcctlBackend implements SandboxBackend {
    public static final String NAME = "fcctl";
    /** How long {@link #availability()} waits for {@code /health}. */
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(3);

    private static final BackendInfo INFO = new BackendInfo(NAME, BackendInfo.Isolation.VM,
            Set.of(BackendInfo.Capability.SNAPSHOTS));

    private final FcctlClient client; // null when not configured
    private final String notConfigured;

    private FcctlBackend(FcctlClient client, String notConfigured) {
        this.client = client;
        this.notConfigured = notConfigured;
    }

    /** A backend for this server. */
    public FcctlBackend(FcctlSettings settings) {
        this(new FcctlClient(settings), null);
    }

    /** A backend whose calls go through the given HTTP client (tests watch them). */
    FcctlBackend(FcctlSettings settings, HttpClient http) {
        this(new FcctlClient(settings, http), null);
    }

    /** The backend the process environment configures. */
    public static FcctlBackend fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * The backend these variables configure (see {@link FcctlSettings}); one that is not available,
     * saying why, when they are missing or unusable.
     */
    public static FcctlBackend fromEnvironment(Map<String, String> env) {
        try {
            Optional<FcctlSettings> settings = FcctlSettings.fromEnvironment(env);
            return settings.map(FcctlBackend::new).orElseGet(() -> new FcctlBackend(null,
                    FcctlSettings.URL_VARIABLE + " is not set (the fcctl-web server's URL)"));
        } catch (IllegalArgumentException e) {
            return new FcctlBackend(null, e.getMessage());
        }
    }

    @Override
    public BackendInfo info() {
        return INFO;
    }

    /** Configured, and the server answers {@code GET /health} within a few seconds. */
    @Override
    public Availability availability() {
        if (client == null) {
            return Availability.no(notConfigured);
        }
        try {
            client.health(HEALTH_TIMEOUT);
            return Availability.yes("fcctl-web at " + client.settings().baseUrl());
        } catch (FcctlApiException e) {
            return Availability.no(e.getMessage());
        }
    }

    /**
     * Creates a VM named {@code hearth-<spec name>}, waits until it runs, and makes its work root
     * {@code <guestDir>/hearth-<spec name>}. The spec's image, unless {@code default}, is the VM's
     * {@code vm_type}; its network policy and limits are the VM type's business (the API takes neither),
     * so this backend claims neither capability. Nothing is left allocated when this throws.
     */
    @Override
    public Sandbox create(SandboxSpec spec) throws SandboxException {
        if (client == null) {
            throw new SandboxException("the fcctl backend is not configured: " + notConfigured);
        }
        FcctlSettings settings = client.settings();
        String vmName = "hearth-" + spec.name();
        String workRoot = settings.guestDir().replaceAll("/+$", "") + "/hearth-" + safe(spec.name());
        try {
            Files.createDirectories(spec.hostDir());
        } catch (IOException e) {
            throw new SandboxException("cannot create the sandbox directory " + spec.hostDir() + ": " + e.getMessage(), e);
        }
        String vmId;
        try {
            vmId = client.createVm(spec.image().equals("default") ? settings.vmType() : spec.image(), vmName);
        } catch (SandboxException e) {
            deleteHostDir(spec);
            throw e;
        }
        try {
            awaitRunning(vmId, vmName, settings);
            FcctlSandbox sandbox = new FcctlSandbox(client, spec, INFO, vmId, vmName, workRoot);
            sandbox.prepare();
            Sandboxes.register(sandbox);
            return sandbox;
        } catch (SandboxException | RuntimeException e) {
            VmDeletion.delete(client, vmId, vmName);
            deleteHostDir(spec);
            throw e;
        }
    }

    private void awaitRunning(String vmId, String vmName, FcctlSettings settings) throws SandboxException {
        Instant deadline = Instant.now().plus(settings.creationTimeout());
        String status = "";
        while (true) {
            status = client.vmStatus(vmId).strip().toLowerCase(Locale.ROOT);
            if (status.equals("running")) {
                return;
            }
            if (status.equals("failed") || status.equals("error")) {
                throw new SandboxException("fcctl VM " + vmId + " (" + vmName + ") did not start: its status is " + status);
            }
            if (!Instant.now().plus(settings.pollInterval()).isBefore(deadline)) {
                break;
            }
            try {
                Thread.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SandboxException("interrupted while fcctl VM " + vmId + " was starting", e);
            }
        }
        throw new SandboxException("fcctl VM " + vmId + " (" + vmName + ") did not reach \"running\" within "
                + settings.creationTimeout().toSeconds() + " s; its status is " + status);
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "-");
    }

    private static void deleteHostDir(SandboxSpec spec) {
        try {
            Trees.delete(spec.hostDir());
        } catch (IOException e) {
            // the caller's directory; what it holds is empty
        }
    }
}
