package dev.hearth.server.github;

/**
 * Where the bearer token for calls about one repository comes from. A source that can mint new tokens
 * is told when GitHub refused one ({@code 401}), so the next call gets a fresh one.
 */
interface TokenSource {

    /** The token for calls about {@code repository} ({@code owner/name}). */
    String token(String repository);

    /**
     * GitHub answered 401 to {@code token}: forget it. Returns whether a different token may now be
     * had, i.e. whether one more try is worth it.
     */
    boolean rejected(String repository, String token);

    /** A fixed token: nothing to refresh. */
    record Fixed(String token) implements TokenSource {
        @Override
        public String token(String repository) {
            return token;
        }

        @Override
        public boolean rejected(String repository, String token) {
            return false;
        }

        @Override
        public String toString() {
            return "Fixed[***]";
        }
    }
}
