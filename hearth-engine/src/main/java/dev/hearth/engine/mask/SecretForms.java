package dev.hearth.engine.mask;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The forms in which a secret reappears in a log when a tool re-encodes it: inside a JSON string
 * ({@code jq}, {@code curl} bodies, Python's {@code json.dumps}), in a URL or a form body, and in base64
 * (basic auth headers, Kubernetes secrets, {@code docker login} configs). GitHub's runner registers
 * similar encoders; these are Hearth's own choice of them.
 */
final class SecretForms {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

    private SecretForms() {
    }

    /** Every encoded form of {@code literal} (the literal itself not included). */
    static Set<String> encodings(String literal) {
        Set<String> forms = new LinkedHashSet<>();
        String json = json(literal, false);
        forms.add(json);
        forms.add(json(literal, true));
        if (json.indexOf('/') >= 0) {
            forms.add(json.replace("/", "\\/")); // encoders that escape the solidus (PHP, some Java ones)
        }
        String percent = percentEncoded(literal);
        forms.add(percent);
        // Form bodies and query strings write a space as '+': Python's quote_plus keeps '~',
        // Java's URLEncoder encodes it and keeps '*'. ("%20" can only come from a space: '%' is "%25".)
        forms.add(percent.replace("%20", "+"));
        forms.add(URLEncoder.encode(literal, StandardCharsets.UTF_8));
        for (String b64 : base64(literal.getBytes(StandardCharsets.UTF_8))) {
            forms.add(b64);
            if (b64.indexOf('+') >= 0 || b64.indexOf('/') >= 0) {
                forms.add(b64.replace('+', '-').replace('/', '_')); // the URL-safe alphabet (JWTs)
            }
        }
        forms.remove(literal);
        return forms;
    }

    /** The inside of a JSON string holding {@code s}; with {@code asciiOnly}, non-ASCII as {@code \\uXXXX}. */
    static String json(String s, boolean asciiOnly) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> {
                    if (c < 0x20 || (asciiOnly && c > 0x7e)) {
                        b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** RFC 3986 percent-encoding: everything but unreserved characters, as UTF-8 bytes in upper-case hex. */
    static String percentEncoded(String s) {
        StringBuilder b = new StringBuilder(s.length() * 3);
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(HEX_UPPER[c >> 4]).append(HEX_UPPER[c & 0xf]);
            }
        }
        return b.toString();
    }

    /**
     * Base64 of the bytes as a whole (padded), and the characters that depend on nothing but the secret
     * when it sits at any offset inside a longer base64 stream ({@code user:secret} in a basic auth
     * header): base64 works on 3-byte groups, so for each of the three alignments the leading bytes that
     * share a group with what precedes are dropped, and so is a trailing character that shares bits
     * with what follows.
     */
    static Set<String> base64(byte[] bytes) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(Base64.getEncoder().encodeToString(bytes));
        Base64.Encoder unpadded = Base64.getEncoder().withoutPadding();
        for (int skip = 0; skip < 3 && skip < bytes.length; skip++) {
            byte[] aligned = Arrays.copyOfRange(bytes, skip, bytes.length);
            String encoded = unpadded.encodeToString(aligned);
            int determined = aligned.length * 8 / 6;
            forms.add(encoded.substring(0, determined));
        }
        return forms;
    }
}
