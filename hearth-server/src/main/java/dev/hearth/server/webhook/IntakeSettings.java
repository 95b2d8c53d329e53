package dev.hearth.server.webhook;

import java.util.Optional;

/**
 * How the intake judges requests.
 *
 * @param signatures   the verifier, or empty when signatures are explicitly not checked
 * @param maxBodyBytes larger bodies are refused with 413
 */
public record IntakeSettings(Optional<SignatureVerifier> signatures, long maxBodyBytes) {

    /** GitHub caps webhook payloads at 25 MB. */
    public static final long GITHUB_MAX_PAYLOAD = 25L * 1024 * 1024;

    public IntakeSettings {
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive");
        }
    }

    /** Settings that check signatures with {@code secret} and take GitHub's largest payloads. */
    public static IntakeSettings signedWith(String secret) {
        return new IntakeSettings(Optional.of(new SignatureVerifier(secret)), GITHUB_MAX_PAYLOAD);
    }
}
