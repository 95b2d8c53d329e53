package dev.hearth.workflow.reusable;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the reader gets a called workflow of another repository ({@code owner/repo/path@ref}) when the
 * actions mirror does not hold it: a hook, so the reader stays free of git and network code. The
 * default, {@link #NONE}, has nothing; a runner wires in its action fetcher.
 */
@FunctionalInterface
public interface RemoteFiles {

    /**
     * The content of one file of a repository at a ref.
     *
     * @param path the file's path inside the repository, e.g. {@code .github/workflows/build.yml}
     * @return the file's bytes, or empty when this source does not have the repository, the ref or the file
     * @throws IOException when the file could not be fetched; its message is shown with the call's error
     */
    Optional<byte[]> read(String owner, String repo, String ref, String path) throws IOException;

    /** No remote files: every remote call needs the mirror. */
    RemoteFiles NONE = (owner, repo, ref, path) -> Optional.empty();
}
