package dev.hearth.workflow;

import dev.hearth.workflow.model.Permissions;
import java.nio.file.Path;

/**
 * How to read a workflow.
 *
 * @param repositoryRoot     where {@code ./.github/workflows/x.yml} calls are resolved
 * @param actionsMirror      folder laid out as {@code <owner>/<repo>/<ref>/<path>} for remote calls, or null
 * @param strictCalls        when true a call that cannot be read is an error ("Unable to find reusable
 *                           workflow", as GitHub's TypeScript parser reports offline); when false it is
 *                           skipped, because the workflow may well be valid on GitHub
 * @param defaultPermissions what a top-level workflow grants when it sets no permissions (GitHub's
 *                           restricted default for new repositories unless configured otherwise)
 */
public record ReadOptions(Path repositoryRoot, Path actionsMirror, boolean strictCalls,
                          Permissions defaultPermissions) {

    /** The current directory as repository root, no mirror, lenient calls, restricted default permissions. */
    public static ReadOptions defaults() {
        return new ReadOptions(Path.of("").toAbsolutePath(), null, false, Permissions.limitedRead());
    }

    public ReadOptions withActionsMirror(Path mirror) {
        return new ReadOptions(repositoryRoot, mirror, strictCalls, defaultPermissions);
    }

    public ReadOptions withRepositoryRoot(Path root) {
        return new ReadOptions(root, actionsMirror, strictCalls, defaultPermissions);
    }

    public ReadOptions withStrictCalls(boolean strict) {
        return new ReadOptions(repositoryRoot, actionsMirror, strict, defaultPermissions);
    }
}
