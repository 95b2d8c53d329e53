package dev.hearth.server.source;

/**
 * The commit the triggered workflows run on and are read from ({@code GITHUB_SHA} / {@code GITHUB_REF}).
 *
 * @param sha  the commit
 * @param ref  the full ref ({@code refs/heads/main}, {@code refs/pull/7/merge}, ...)
 * @param note why it differs from what GitHub would run, or null: a pull request whose merge commit could
 *             not be fetched runs on its head commit
 */
public record CommitToRun(String sha, String ref, String note) {
}
