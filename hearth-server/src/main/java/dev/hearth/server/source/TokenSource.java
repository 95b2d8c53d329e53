package dev.hearth.server.source;

import java.io.IOException;
import java.util.Optional;

/**
 * The token Hearth fetches a repository with: {@code GITHUB_TOKEN}, or a GitHub App's installation token for
 * that repository. Asked on every fetch so an expired installation token is never reused.
 */
@FunctionalInterface
public interface TokenSource {

    /** The token for {@code owner/name}, or empty to fetch anonymously. */
    Optional<String> tokenFor(String repository) throws IOException;

    /** Anonymous fetches (public repositories, or local ones in tests). */
    TokenSource NONE = repository -> Optional.empty();
}
