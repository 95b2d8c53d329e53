package dev.hearth.actions.builtin.checkout;

import org.eclipse.jgit.lib.Constants;

/**
 * What a checkout puts HEAD on, as {@code actions/checkout} decides it: a branch gets a local branch of
 * the same name tracking {@code origin}; a tag, a pull request ref, another ref or a bare commit leave
 * HEAD detached at the commit.
 *
 * @param kind    which of those
 * @param ref     the qualified ref ({@code refs/heads/main}), or null for a bare commit
 * @param commit  the commit to check out, 40 hex digits
 * @param tipIsCommit whether the source advertises {@code ref} at exactly {@code commit}, so that it can
 *                be fetched by name; otherwise the commit is fetched by its id
 */
record CheckoutTarget(Kind kind, String ref, String commit, boolean tipIsCommit) {

    /** How HEAD ends up. */
    enum Kind {
        BRANCH, TAG, PULL, OTHER_REF, COMMIT
    }

    static Kind kindOf(String qualifiedRef) {
        if (qualifiedRef == null) {
            return Kind.COMMIT;
        }
        if (qualifiedRef.startsWith(Constants.R_HEADS)) {
            return Kind.BRANCH;
        }
        if (qualifiedRef.startsWith(Constants.R_TAGS)) {
            return Kind.TAG;
        }
        if (qualifiedRef.startsWith("refs/pull/")) {
            return Kind.PULL;
        }
        return Kind.OTHER_REF;
    }

    /** The branch name for a branch target. */
    String branch() {
        return ref.substring(Constants.R_HEADS.length());
    }

    /**
     * Where the fetched ref is kept locally: {@code refs/remotes/origin/<branch>} for a branch,
     * {@code refs/remotes/pull/...} for a pull request, the ref itself for a tag or another ref; null
     * for a bare commit.
     */
    String localRef() {
        return switch (kind) {
            case BRANCH -> Constants.R_REMOTES + "origin/" + branch();
            case PULL -> Constants.R_REMOTES + ref.substring("refs/".length());
            case TAG, OTHER_REF -> ref;
            case COMMIT -> null;
        };
    }

    /** For the log: the ref's short name, or the commit. */
    String describe() {
        return switch (kind) {
            case BRANCH -> branch();
            case TAG -> ref.substring(Constants.R_TAGS.length());
            case PULL, OTHER_REF -> ref;
            case COMMIT -> commit;
        };
    }
}
