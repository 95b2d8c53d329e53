package dev.hearth.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The bearer token that guards requests which change state ({@code HEARTH_API_TOKEN}). Without one
 * configured, such requests are refused: an open cancel button on the internet is worse than none.
 */
public final class ApiToken {

    /** The environment variable the token is read from. */
    public static final String VARIABLE = "HEARTH_API_TOKEN";

    private final Optional<byte[]> expected;

    public ApiToken(Optional<String> token) {
        this.expected = token.filter(t -> !t.isBlank()).map(t -> t.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** The token named by {@code HEARTH_API_TOKEN} in {@code env}, if set. */
    public static ApiToken from(Map<String, String> env) {
        return new ApiToken(Optional.ofNullable(env.get(VARIABLE)));
    }

    /** What an {@code Authorization} header (null when absent) is worth. */
    public Verdict check(String authorization) {
        if (expected.isEmpty()) {
            return Verdict.DISABLED;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Verdict.MISSING;
        }
        byte[] given = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        // Constant time, so the answer's timing tells nothing of how much of the token was right.
        return MessageDigest.isEqual(expected.get(), given) ? Verdict.ALLOWED : Verdict.WRONG;
    }

    /** The outcome of checking a request's token. */
    public enum Verdict {
        /** The right token. */
        ALLOWED,
        /** No bearer token given: 401. */
        MISSING,
        /** A token, but not the right one: 403. */
        WRONG,
        /** The server has no token configured, so nothing may change state: 403. */
        DISABLED
    }
}
