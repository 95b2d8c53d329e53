package dev.hearth.server.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs to ask for installation tokens: RS256, {@code iat} a minute in
 * the past (GitHub's advice against clock drift), {@code exp} under GitHub's ten-minute ceiling,
 * {@code iss} the app id.
 */
final class AppJwt {

    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private AppJwt() {
    }

    static String sign(String appId, RSAPrivateKey key, Instant now) {
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        long iat = now.minus(BACKDATE).getEpochSecond();
        long exp = now.plus(LIFETIME).getEpochSecond();
        String payload = "{\"iat\":" + iat + ",\"exp\":" + exp + ",\"iss\":\"" + jsonEscape(appId) + "\"}";
        String signingInput = B64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App JWT: " + e.getMessage(), e);
        }
    }

    private static String jsonEscape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
