package dev.hearth.workflow;

import dev.hearth.workflow.model.Permissions;
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
 */
public record ReadOptions(Path repositoryRoot, Path actionsMirror, boolean allowUnresolvedCalls,
                          Permissions defaultPermissions) {

    /** The current directory as repository root, no mirror, unresolvable calls are errors, restricted permissions. */
    public static ReadOptions defaults() {
        return new ReadOptions(Path.of("").toAbsolutePath(), null, false, Permissions.limitedRead());
    }

    public ReadOptions withActionsMirror(Path mirror) {
        return new ReadOptions(repositoryRoot, mirror, allowUnresolvedCalls, defaultPermissions);
    }

    public ReadOptions withRepositoryRoot(Path root) {
        return new ReadOptions(root, actionsMirror, allowUnresolvedCalls, defaultPermissions);
    }

    public ReadOptions withAllowUnresolvedCalls(boolean allow) {
        return new ReadOptions(repositoryRoot, actionsMirror, allow, defaultPermissions);
    }
}
