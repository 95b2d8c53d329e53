package dev.hearth.actions;

import java.nio.file.Path;

/**
 * An action ready to run: its files on the host and its manifest.
 *
 * @param uses      the {@code uses:} value as written
 * @param source    where it came from
 * @param sha       the commit the files are at (remote actions), else null
 * @param directory the host folder holding {@code action.yml} (the action's {@code path} inside its
 *                  repository, already applied); the engine copies it into the sandbox and points
 *                  {@code github.action_path} at the copy; null for a {@code docker://} image
 * @param manifest  the parsed {@code action.yml}
 */
public record ResolvedAction(String uses, Source source, String sha, Path directory, ActionManifest manifest) {

    /** Where an action's files came from, shown in the log. */
    public enum Source {
        /** {@code ./path} in the workspace. */
        LOCAL,
        /** {@code --actions-mirror DIR}. */
        MIRROR,
        /** The cache folder, by commit SHA, from an earlier fetch. */
        CACHE,
        /** Fetched now with git from the base URL. */
        FETCHED,
        /** A {@code docker://image}: no files, the docker engine pulls the image when it runs. */
        IMAGE
    }
}
