package dev.hearth.workflow;

import dev.hearth.workflow.model.Permissions;
import dev.hearth.workflow.reusable.LocalFiles;
import dev.hearth.workflow.reusable.RemoteFiles;
import java.nio.file.Path;

/**
 * How to read a workflow.
 *
 * @param repositoryRoot       where {@code ./.github/workflows/x.yml} calls are resolved
 * @param actionsMirror        folder laid out as {@code <owner>/<repo>/<ref>/<path>} for remote calls, or null
 * @param allowUnresolvedCalls when false (GitHub's behaviour) a call that cannot be read is an error,
 *                             "Unable to find reusable workflow"; when true it is skipped and listed in
 *                             {@link ReadResult#unresolved()}, for checking offline without a mirror
 * @param defaultPermissions   what a top-level workflow grants when it sets no permissions (GitHub's
 *                             restricted default for new repositories unless configured otherwise)
 * @param remoteFiles          where remote calls are read when the mirror does not have them
 *                             ({@link RemoteFiles#NONE} when null)
 * @param localFiles           where local calls are read instead of {@code repositoryRoot} (a commit
 *                             of a bare repository), or null to read them from disk
 */
public record ReadOptions(Path repositoryRoot, Path actionsMirror, boolean allowUnresolvedCalls,
                          Permissions defaultPermissions, RemoteFiles remoteFiles, LocalFiles localFiles) {

    public ReadOptions {
        remoteFiles = remoteFiles == null ? RemoteFiles.NONE : remoteFiles;
    }

    /** Options whose local calls are files under {@code repositoryRoot}. */
    public ReadOptions(Path repositoryRoot, Path actionsMirror, boolean allowUnresolvedCalls,
                       Permissions defaultPermissions, RemoteFiles remoteFiles) {
        this(repositoryRoot, actionsMirror, allowUnresolvedCalls, defaultPermissions, remoteFiles, null);
    }

    /** Options without a remote source: remote calls are read from the mirror only. */
    public ReadOptions(Path repositoryRoot, Path actionsMirror, boolean allowUnresolvedCalls,
                       Permissions defaultPermissions) {
        this(repositoryRoot, actionsMirror, allowUnresolvedCalls, defaultPermissions, RemoteFiles.NONE, null);
    }

    /** The current directory as repository root, no mirror, unresolvable calls are errors, restricted permissions. */
    public static ReadOptions defaults() {
        return new ReadOptions(Path.of("").toAbsolutePath(), null, false, Permissions.limitedRead());
    }

    public ReadOptions withActionsMirror(Path mirror) {
        return new ReadOptions(repositoryRoot, mirror, allowUnresolvedCalls, defaultPermissions, remoteFiles, localFiles);
    }

    public ReadOptions withRepositoryRoot(Path root) {
        return new ReadOptions(root, actionsMirror, allowUnresolvedCalls, defaultPermissions, remoteFiles, localFiles);
    }

    public ReadOptions withAllowUnresolvedCalls(boolean allow) {
        return new ReadOptions(repositoryRoot, actionsMirror, allow, defaultPermissions, remoteFiles, localFiles);
    }

    /** These options with remote calls also read from {@code files} (after the mirror). */
    public ReadOptions withRemoteFiles(RemoteFiles files) {
        return new ReadOptions(repositoryRoot, actionsMirror, allowUnresolvedCalls, defaultPermissions, files, localFiles);
    }

    /** These options with local calls read from {@code files} instead of the repository root on disk. */
    public ReadOptions withLocalFiles(LocalFiles files) {
        return new ReadOptions(repositoryRoot, actionsMirror, allowUnresolvedCalls, defaultPermissions, remoteFiles, files);
    }
}
