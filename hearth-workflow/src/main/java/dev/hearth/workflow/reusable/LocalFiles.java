package dev.hearth.workflow.reusable;

import java.io.IOException;
import java.util.Optional;

/**
 * Where the reader gets a called workflow of the caller's own repository ({@code ./.github/workflows/x.yml})
 * when the repository is not a folder on disk, e.g. a commit of a bare git repository: a hook, so the
 * reader stays free of git code. When {@link dev.hearth.workflow.ReadOptions#localFiles()} is null, local
 * calls are read from {@link dev.hearth.workflow.ReadOptions#repositoryRoot()}.
 */
@FunctionalInterface
public interface LocalFiles {

    /**
     * The content of one file of the caller's repository, at the caller's commit.
     *
     * @param path the file's path inside the repository as written after {@code ./}, e.g.
     *             {@code .github/workflows/build.yml}
     * @return the file's bytes, or empty when the commit has no such file
     * @throws IOException when the file could not be read; its message is shown with the call's error
     */
    Optional<byte[]> read(String path) throws IOException;
}
