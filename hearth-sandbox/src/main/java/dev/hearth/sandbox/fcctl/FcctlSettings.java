package dev.hearth.sandbox.fcctl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the fcctl-web server is and how to use it.
 *
 * <p>From the environment ({@link #fromEnvironment}):
 * <ul>
 *   <li>{@code HEARTH_FCCTL_URL}: the server's base URL, e.g. {@code https://vms.example.org}; without
 *       it the backend is not configured;</li>
 *   <li>{@code HEARTH_FCCTL_TOKEN}: the bearer token (a JWT) sent on every call; required once the
 *       URL is set;</li>
 *   <li>{@code HEARTH_FCCTL_VM_TYPE}: the {@code vm_type} of created VMs, default
 *       {@value #DEFAULT_VM_TYPE} (the names are the server's own: set the one your server defines).</li>
 * </ul>
 * The rest takes its defaults: a VM must reach "running" within {@value #DEFAULT_CREATION_SECONDS} s,
 * its status is asked every {@value #DEFAULT_POLL_MILLIS} ms, a call that runs no command may take
 * {@value #DEFAULT_CALL_SECONDS} s (and a command's call its own timeout plus that much), work roots
 * live under {@value #DEFAULT_GUEST_DIR} in the guest, and deleting a VM is tried
 * {@value #DEFAULT_DELETE_ATTEMPTS} times, waiting {@value #DEFAULT_DELETE_BACKOFF_MILLIS} ms after the
 * first failure and twice as long after each next one.
 *
 * @param baseUrl         the server's base URL (http or https)
 * @param token           the bearer token; never printed, logged or put in a message
 * @param vmType          the {@code vm_type} of created VMs
 * @param creationTimeout how long a created VM may take to reach "running"
 * @param pollInterval    how often its status is asked meanwhile
 * @param callTimeout     how long a call that runs no command may take; also the margin added to a
 *                        command's own timeout for the call that runs it (the server needs that long
 *                        to stop it and answer)
 * @param guestDir        the guest directory that holds the work roots ({@code <guestDir>/hearth-<name>})
 * @param deleteAttempts  how often deleting a VM is tried before giving up (and logging the leak)
 * @param deleteBackoff   the wait after the first failed delete; it doubles after each next one
 */
public record FcctlSettings(URI baseUrl, String token, String vmType, Duration creationTimeout,
                            Duration pollInterval, Duration callTimeout, String guestDir, int deleteAttempts,
                            Duration deleteBackoff) {
    public static final String URL_VARIABLE = "HEARTH_FCCTL_URL";
    public static final String TOKEN_VARIABLE = "HEARTH_FCCTL_TOKEN";
    public static final String VM_TYPE_VARIABLE = "HEARTH_FCCTL_VM_TYPE";
    public static final String DEFAULT_VM_TYPE = "focal-optimized";
    public static final long DEFAULT_CREATION_SECONDS = 120;
    public static final long DEFAULT_POLL_MILLIS = 500;
    public static final long DEFAULT_CALL_SECONDS = 30;
    public static final String DEFAULT_GUEST_DIR = "/tmp";
    public static final int DEFAULT_DELETE_ATTEMPTS = 5;
    public static final long DEFAULT_DELETE_BACKOFF_MILLIS = 500;

    public FcctlSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the fcctl URL must not carry credentials; use " + TOKEN_VARIABLE);
        }
        if (!"http".equals(baseUrl.getScheme()) && !"https".equals(baseUrl.getScheme())) {
            throw new IllegalArgumentException("the fcctl URL must be http or https: " + baseUrl);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("no fcctl token: set " + TOKEN_VARIABLE);
        }
        if (token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // it goes into a header; the message must not show it
            throw new IllegalArgumentException("the fcctl token has characters a header cannot carry");
        }
        if (vmType == null || vmType.isBlank()) {
            throw new IllegalArgumentException("no fcctl vm_type");
        }
        requirePositive(creationTimeout, "creationTimeout");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(callTimeout, "callTimeout");
        requirePositive(deleteBackoff, "deleteBackoff");
        if (guestDir == null || !guestDir.startsWith("/")) {
            throw new IllegalArgumentException("the guest directory must be absolute: " + guestDir);
        }
        if (deleteAttempts < 1) {
            throw new IllegalArgumentException("deleteAttempts must be at least 1: " + deleteAttempts);
        }
        if (baseUrl.getHost() == null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("the fcctl URL must be a server's base URL: " + baseUrl);
        }
        // the API's paths are appended to it
        baseUrl = URI.create(baseUrl.toString().replaceAll("/+$", ""));
    }

    /** Settings with every default but the server and the token. */
    public static FcctlSettings of(URI baseUrl, String token) {
        return new FcctlSettings(baseUrl, token, DEFAULT_VM_TYPE, Duration.ofSeconds(DEFAULT_CREATION_SECONDS),
                Duration.ofMillis(DEFAULT_POLL_MILLIS), Duration.ofSeconds(DEFAULT_CALL_SECONDS), DEFAULT_GUEST_DIR,
                DEFAULT_DELETE_ATTEMPTS, Duration.ofMillis(DEFAULT_DELETE_BACKOFF_MILLIS));
    }

    /**
     * The settings the environment gives, or empty when {@code HEARTH_FCCTL_URL} is not set.
     *
     * @throws IllegalArgumentException when the URL is set but the settings are unusable (no token, a
     *                                  malformed URL); the message says which, never the token
     */
    public static Optional<FcctlSettings> fromEnvironment(Map<String, String> env) {
        String url = env.getOrDefault(URL_VARIABLE, "").strip();
        if (url.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_VARIABLE + " is not a URL: " + e.getMessage());
        }
        FcctlSettings settings = of(uri, env.getOrDefault(TOKEN_VARIABLE, "").strip());
        String vmType = env.getOrDefault(VM_TYPE_VARIABLE, "").strip();
        return Optional.of(vmType.isEmpty() ? settings : settings.withVmType(vmType));
    }

    public FcctlSettings withVmType(String newVmType) {
        return new FcctlSettings(baseUrl, token, newVmType, creationTimeout, pollInterval, callTimeout, guestDir,
                deleteAttempts, deleteBackoff);
    }

    public FcctlSettings withCreation(Duration newTimeout, Duration newPollInterval) {
        return new FcctlSettings(baseUrl, token, vmType, newTimeout, newPollInterval, callTimeout, guestDir,
                deleteAttempts, deleteBackoff);
    }

    public FcctlSettings withCallTimeout(Duration newCallTimeout) {
        return new FcctlSettings(baseUrl, token, vmType, creationTimeout, pollInterval, newCallTimeout, guestDir,
                deleteAttempts, deleteBackoff);
    }

    public FcctlSettings withGuestDir(String newGuestDir) {
        return new FcctlSettings(baseUrl, token, vmType, creationTimeout, pollInterval, callTimeout, newGuestDir,
                deleteAttempts, deleteBackoff);
    }

    public FcctlSettings withDeleteRetries(int attempts, Duration backoff) {
        return new FcctlSettings(baseUrl, token, vmType, creationTimeout, pollInterval, callTimeout, guestDir,
                attempts, backoff);
    }

    /** Everything but the token, for logs and messages. */
    @Override
    public String toString() {
        return "FcctlSettings[baseUrl=" + baseUrl + ", vmType=" + vmType + ", creationTimeout=" + creationTimeout
                + ", pollInterval=" + pollInterval + ", callTimeout=" + callTimeout + ", guestDir=" + guestDir
                + ", deleteAttempts=" + deleteAttempts + ", deleteBackoff=" + deleteBackoff + "]";
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
    }
}
