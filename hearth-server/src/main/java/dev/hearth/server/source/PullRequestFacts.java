package dev.hearth.server.source;

/**
 * What a pull_request payload says about the pull request itself.
 *
 * @param number        the pull request's number
 * @param baseRef       the base branch name ({@code main}, no {@code refs/heads/})
 * @param baseSha       the base branch's commit when the event happened
 * @param headRef       the head branch name
 * @param headSha       the head commit
 * @param headRepo      {@code owner/name} of the head repository, or null when the fork was deleted
 * @param mergeSha      GitHub's test merge commit ({@code refs/pull/N/merge}), or null when not computed yet
 * @param fromFork      true when the head lives in another repository than the base (or its fork was
 *                      deleted): such runs get no secrets
 */
public record PullRequestFacts(int number, String baseRef, String baseSha, String headRef, String headSha,
                               String headRepo, String mergeSha, boolean fromFork) {

    /** The ref GitHub keeps for the test merge commit. */
    public String mergeRef() {
        return "refs/pull/" + number + "/merge";
    }

    /** The ref GitHub keeps for the head commit, also for pull requests from forks. */
    public String headPullRef() {
        return "refs/pull/" + number + "/head";
    }
}
