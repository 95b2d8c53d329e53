package dev.hearth.engine.action;

import java.util.Locale;

/**
 * A {@code uses:} value of a step, taken apart: {@code ./path} (local), {@code docker://image}, or
 * {@code owner/repo[/path]@ref} (remote). Only what the engine needs to route the step; the resolver
 * checks the rest (short SHAs, unknown repositories).
 *
 * @param kind  which of the three forms
 * @param uses  the value as written
 * @param owner the repository owner (remote), else null
 * @param repo  the repository name (remote), else null
 * @param path  the folder of the action: inside the repository (remote, may be empty) or in the
 *              workspace (local, without the leading {@code ./}); null for docker
 * @param ref   the ref after {@code @} (remote), else null
 */
record UsesRef(Kind kind, String uses, String owner, String repo, String path, String ref) {

    enum Kind { LOCAL, REMOTE, DOCKER }

    static UsesRef parse(String uses) {
        String u = uses.strip();
        if (u.startsWith("docker://")) {
            return new UsesRef(Kind.DOCKER, uses, null, null, null, null);
        }
        if (u.startsWith("./") || u.equals(".")) {
            String p = u.equals(".") ? "" : u.substring(2);
            while (p.endsWith("/")) {
                p = p.substring(0, p.length() - 1);
            }
            return new UsesRef(Kind.LOCAL, uses, null, null, p, null);
        }
        int at = u.lastIndexOf('@');
        String name = at < 0 ? u : u.substring(0, at);
        String ref = at < 0 ? null : u.substring(at + 1);
        String[] parts = name.split("/", 3);
        String owner = parts[0];
        String repo = parts.length > 1 ? parts[1] : "";
        String path = parts.length > 2 ? parts[2] : "";
        return new UsesRef(Kind.REMOTE, uses, owner, repo, path, ref);
    }

    /** {@code owner/repo[/path]}, the name built-ins answer to; null for local and docker. */
    String ownerRepoPath() {
        if (kind != Kind.REMOTE) {
            return null;
        }
        return (owner + "/" + repo + (path.isEmpty() ? "" : "/" + path)).toLowerCase(Locale.ROOT);
    }

    /** The image of a {@code docker://} value. */
    String image() {
        return kind == Kind.DOCKER ? uses.strip().substring("docker://".length()) : null;
    }
}
