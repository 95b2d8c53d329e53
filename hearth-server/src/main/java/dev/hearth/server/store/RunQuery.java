package dev.hearth.server.store;

/**
 * Which runs to list, newest first: each filter is null for "any"; {@code page} counts from 1.
 *
 * @param repository the repository's full name ({@code owner/name}), exact
 */
public record RunQuery(String repository, RunState state, Conclusion conclusion, int page, int perPage) {
    public RunQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page counts from 1, got " + page);
        }
        if (perPage < 1) {
            throw new IllegalArgumentException("perPage must be positive, got " + perPage);
        }
    }
}
