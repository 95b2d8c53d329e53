package dev.hearth.server.source;

/**
 * One commit a fetch must bring into the cache.
 *
 * @param sha      the commit, or null when only the ref is known (workflow_dispatch)
 * @param ref      the full ref to fetch when the server refuses the commit itself (a server that allows
 *                 no SHA in wants) or when {@code sha} is null; may be null
 * @param required when false, a commit that cannot be fetched (a push's {@code before} dropped by a force
 *                 push, a pull request's merge commit not computed) is left out instead of failing
 */
public record Want(String sha, String ref, boolean required) {
    public Want {
        if (sha == null && ref == null) {
            throw new IllegalArgumentException("a want needs a sha or a ref");
        }
    }

    public static Want commit(String sha, String fallbackRef) {
        return new Want(sha, fallbackRef, true);
    }

    public static Want optional(String sha, String fallbackRef) {
        return new Want(sha, fallbackRef, false);
    }

    public static Want ref(String ref) {
        return new Want(null, ref, true);
    }
}
