package dev.hearth.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Checks GitHub's {@code X-Hub-Signature-256}: {@code sha256=} and the hex HMAC-SHA256 of the raw body. */
public final class SignatureVerifier {

    /** What a signature header says about a body. */
    public enum Verdict {
        VALID,
        MISSING,
        INVALID
    }

    private static final String PREFIX = "sha256=";
    private final SecretKeySpec key;
    private final Mac keyed;

    public SignatureVerifier(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.keyed = newMac(key);
    }

    /** Judges {@code header} (null when absent) against {@code body}. */
    public Verdict verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verdict.MISSING;
        }
        if (!header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return Verdict.INVALID;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return Verdict.INVALID;
        }
        // MessageDigest.isEqual takes the same time wherever the first difference is.
        return MessageDigest.isEqual(sign(body), given) ? Verdict.VALID : Verdict.INVALID;
    }

    /** The HMAC-SHA256 of {@code body} under this secret. */
    public byte[] sign(byte[] body) {
        // A copy of a keyed Mac costs far less than looking the algorithm up and keying it again for
        // every delivery; a Mac is not thread-safe, so each call has its own.
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            mac = newMac(key);
        }
        return mac.doFinal(body);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The header value GitHub would send for {@code body}. */
    public String header(byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(body));
    }

    @Override
    public String toString() {
        return "SignatureVerifier[secret hidden]";
    }
}
