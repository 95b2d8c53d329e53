package dev.hearth.server.github;

import java.security.interfaces.RSAPrivateKey;
import java.util.Objects;

/**
 * How Hearth proves itself to GitHub: a plain token ({@code GITHUB_TOKEN}) or a GitHub App (its id and
 * private key), whose installation tokens are minted on demand. {@code toString} never shows a secret.
 */
public sealed interface GitHubAuth {

    /** A personal access token or any other bearer token, used as it is. */
    record Token(String token) implements GitHubAuth {
        public Token {
            if (token == null || token.isBlank()) {
                throw new IllegalArgumentException("the GitHub token is empty");
            }
        }

        @Override
        public String toString() {
            return "Token[***]";
        }
    }

    /** A GitHub App: the app (or client) id that goes in the JWT's {@code iss}, and its RSA key. */
    record App(String appId, RSAPrivateKey privateKey) implements GitHubAuth {
        public App {
            if (appId == null || appId.isBlank()) {
                throw new IllegalArgumentException("the GitHub App id is empty");
            }
            Objects.requireNonNull(privateKey, "privateKey");
        }

        @Override
        public String toString() {
            return "App[" + appId + ", key ***]";
        }
    }
}
