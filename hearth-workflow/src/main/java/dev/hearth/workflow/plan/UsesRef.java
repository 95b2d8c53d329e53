package dev.hearth.workflow.plan;

/**
 * A {@code uses:} value taken apart.
 *
 * @param kind  what it names
 * @param owner the repository owner of a {@link UsesKind#REMOTE} reference, else null
 * @param repo  the repository name of a remote reference, else null
 * @param path  the path inside the repository (remote, may be null), the local path, or the docker image
 * @param ref   the git ref after {@code @} of a remote reference, else null
 */
public record UsesRef(UsesKind kind, String owner, String repo, String path, String ref) {

    /** The kinds of {@code uses:}. */
    public enum UsesKind {
        /** {@code ./path} in the workflow's own repository. */
        LOCAL,
        /** {@code owner/repo[/path]@ref}. */
        REMOTE,
        /** {@code docker://image}. */
        DOCKER,
        /** Anything else; validation reports it. */
        INVALID;

        /** The lower-case name used in output. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Classifies a {@code uses:} value as written. */
    public static UsesRef parse(String uses) {
        if (uses == null || uses.isBlank()) {
            return new UsesRef(UsesKind.INVALID, null, null, uses, null);
        }
        if (uses.startsWith("./") || uses.startsWith(".\\")) {
            return new UsesRef(UsesKind.LOCAL, null, null, uses, null);
        }
        if (uses.startsWith("docker://")) {
            return new UsesRef(UsesKind.DOCKER, null, null, uses.substring("docker://".length()), null);
        }
        int at = uses.lastIndexOf('@');
        if (at <= 0 || at == uses.length() - 1) {
            return new UsesRef(UsesKind.INVALID, null, null, uses, null);
        }
        String name = uses.substring(0, at);
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            return new UsesRef(UsesKind.INVALID, null, null, uses, null);
        }
        int second = name.indexOf('/', slash + 1);
        String repo = second < 0 ? name.substring(slash + 1) : name.substring(slash + 1, second);
        String path = second < 0 ? null : name.substring(second + 1);
        if (repo.isEmpty()) {
            return new UsesRef(UsesKind.INVALID, null, null, uses, null);
        }
        return new UsesRef(UsesKind.REMOTE, name.substring(0, slash), repo, path, uses.substring(at + 1));
    }
}
