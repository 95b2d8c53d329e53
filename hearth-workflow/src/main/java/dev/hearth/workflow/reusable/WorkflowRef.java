package dev.hearth.workflow.reusable;

import java.nio.file.Path;

/**
 * A parsed {@code uses:} reference to a reusable workflow.
 *
 * @param owner null for a local reference
 * @param path  the file's path inside its repository, e.g. {@code .github/workflows/ci.yml}
 */
public record WorkflowRef(String owner, String repo, String path, String ref) {

    /** Parses {@code ./path} or {@code owner/repo/path@ref}; null when it is neither. */
    public static WorkflowRef parse(String uses) {
        if (uses == null) {
            return null;
        }
        if (uses.startsWith("./")) {
            String path = uses.substring(2);
            return path.isEmpty() ? null : new WorkflowRef(null, null, path, null);
        }
        int at = uses.lastIndexOf('@');
        if (at <= 0 || at == uses.length() - 1) {
            return null;
        }
        String[] parts = uses.substring(0, at).split("/", 3);
        if (parts.length < 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
            return null;
        }
        return new WorkflowRef(parts[0], parts[1], parts[2], uses.substring(at + 1));
    }

    public boolean isLocal() {
        return owner == null;
    }

    /** How GitHub names the file in messages: the path for local files, else {@code owner/repo/path@ref}. */
    public String displayName() {
        return isLocal() ? path : owner + "/" + repo + "/" + path + "@" + ref;
    }

    /**
     * Where the file is on disk, or null when a remote file has no mirror to be looked up in (or its
     * names would lead outside the mirror).
     */
    public Path locate(Path repositoryRoot, Path mirror) {
        if (isLocal()) {
            return repositoryRoot.resolve(path).normalize();
        }
        if (mirror == null) {
            return null;
        }
        return MirrorLayout.locate(mirror, owner, repo, ref, path);
    }
}
