package dev.hearth.server.github;

/**
 * Why a call to GitHub did not succeed: GitHub answered with an error, or it could not be reached at
 * all (connection refused, reset, timed out). The {@link RetryPolicy} decides what each one means.
 */
public sealed interface CallFailure {

    /** A short description for logs and the outbox, with no secrets in it. */
    String describe();

    /** GitHub answered, but not with a 2xx. */
    record Refused(String method, String path, ApiResponse response) implements CallFailure {
        @Override
        public String describe() {
            String message = GitHubJson.message(response.body());
            return method + " " + path + " answered " + response.status() + (message.isEmpty() ? "" : ": " + message);
        }
    }

    /** No answer: a connection error, or no answer within the request timeout. */
    record Unreachable(String method, String path, boolean timedOut, String cause) implements CallFailure {
        @Override
        public String describe() {
            return method + " " + path + (timedOut ? " timed out" : " failed: " + cause);
        }
    }
}
