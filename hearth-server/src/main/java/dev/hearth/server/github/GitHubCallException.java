package dev.hearth.server.github;

/**
 * Carries a {@link CallFailure} out of the middle of a multi-call operation (the PR comment lists, then
 * edits); the {@link Reporter} turns it back into a value at its boundary.
 */
public final class GitHubCallException extends RuntimeException {

    private final transient CallFailure failure;

    GitHubCallException(CallFailure failure) {
        super(failure.describe(), null, false, false);
        this.failure = failure;
    }

    public CallFailure failure() {
        return failure;
    }
}
