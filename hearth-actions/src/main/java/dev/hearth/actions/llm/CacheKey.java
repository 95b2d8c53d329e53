package dev.hearth.actions.llm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * What makes two translations interchangeable: the action ref, its resolved commit, the inputs (in
 * name order) and the model. The reason and the {@code action.yml} text are left out: the ref and
 * commit already fix the action, and the same step should hit the cache whatever made it unavailable.
 *
 * @param sha256 64 hex digits, the cache file's name
 */
public record CacheKey(String sha256) {

    public CacheKey {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256: " + sha256);
        }
    }

    public static CacheKey of(TranslationRequest request, String modelId) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        // Each field is length-prefixed so no two different requests can produce the same byte stream.
        field(md, "hearth-llm-translation/v1");
        field(md, request.uses());
        field(md, request.sha() == null ? "" : request.sha());
        Map<String, String> inputs = new TreeMap<>(request.inputs());
        field(md, Integer.toString(inputs.size()));
        for (var e : inputs.entrySet()) {
            field(md, e.getKey());
            field(md, e.getValue() == null ? "" : e.getValue());
        }
        field(md, modelId);
        return new CacheKey(HexFormat.of().formatHex(md.digest()));
    }

    private static void field(MessageDigest md, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        md.update((b.length + ":").getBytes(StandardCharsets.US_ASCII));
        md.update(b);
    }
}
