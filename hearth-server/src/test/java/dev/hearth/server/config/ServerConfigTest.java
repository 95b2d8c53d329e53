package dev.hearth.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @TempDir
    Path folder;

    @Test
    void defaultsNeedOnlyTheWebhookSecret() {
        ServerConfig c = ServerConfig.load(Map.of("GITHUB_WEBHOOK_SECRET", "s3cret"));
        assertThat(c.port()).isEqualTo(3004);
        assertThat(c.database()).isEmpty();
        assertThat(c.webhookSecret()).contains("s3cret");
        assertThat(c.githubApiUrl()).hasToString("https://api.github.com");
        assertThat(c.maxConcurrentWorkflows()).isEqualTo(4);
        assertThat(c.backend()).isEqualTo("auto");
        assertThat(c.allowLocalRepos()).isFalse();
        assertThat(c.maxBodyBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(c.usesGitHubApp()).isFalse();
    }

    @Test
    void refusesToStartWithoutASecretUnlessExplicitlyInsecure() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GITHUB_WEBHOOK_SECRET is required")
                .hasMessageContaining("HEARTH_INSECURE_NO_SIGNATURE");
        ServerConfig insecure = ServerConfig.load(Map.of("HEARTH_INSECURE_NO_SIGNATURE", "true"));
        assertThat(insecure.insecureNoSignature()).isTrue();
        assertThat(insecure.webhookSecret()).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnce() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ServerConfig.load(Map.of(
                "PORT", "eighty",
                "MAX_CONCURRENT_WORKFLOWS", "0",
                "HEARTH_BACKEND", "docker",
                "GITHUB_APP_ID", "42",
                "GITHUB_API_URL", "ftp://example",
                "HEARTH_ALLOW_LOCAL_REPOS", "maybe")));
        assertThat(e.problems()).hasSize(7);
        assertThat(e.getMessage())
                .contains("PORT must be a whole number, got 'eighty'")
                .contains("MAX_CONCURRENT_WORKFLOWS must be between 1")
                .contains("HEARTH_BACKEND must be one of")
                .contains("GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_FILE go together")
                .contains("GITHUB_API_URL must be an http(s) URL")
                .contains("HEARTH_ALLOW_LOCAL_REPOS must be true or false")
                .contains("GITHUB_WEBHOOK_SECRET is required");
    }

    @Test
    void aYamlFileIsReadAndTheEnvironmentWins() throws Exception {
        Path key = Files.writeString(folder.resolve("app.pem"), "-----BEGIN RSA PRIVATE KEY-----\n");
        Path file = Files.writeString(folder.resolve("hearth.yml"), """
                PORT: 8080
                GITHUB_WEBHOOK_SECRET: from-file
                GITHUB_APP_ID: 12345
                GITHUB_APP_PRIVATE_KEY_FILE: %s
                GITHUB_API_URL: https://ghe.example/api/v3/
                HEARTH_ALLOW_LOCAL_REPOS: true
                MAX_CONCURRENT_WORKFLOWS: 8
                """.formatted(key));
        ServerConfig c = ServerConfig.load(Map.of("HEARTH_CONFIG", file.toString(), "PORT", "9090"));
        assertThat(c.port()).isEqualTo(9090);
        assertThat(c.webhookSecret()).contains("from-file");
        assertThat(c.usesGitHubApp()).isTrue();
        assertThat(c.githubAppPrivateKeyFile()).contains(key);
        assertThat(c.githubApiUrl()).hasToString("https://ghe.example/api/v3");
        assertThat(c.allowLocalRepos()).isTrue();
        assertThat(c.maxConcurrentWorkflows()).isEqualTo(8);
    }

    @Test
    void aPropertiesFileIsReadToo() throws Exception {
        Path file = Files.writeString(folder.resolve("hearth.properties"), """
                GITHUB_WEBHOOK_SECRET=p
                HEARTH_DB=postgres://hearth:pw@db:5432/hearth
                HEARTH_BACKEND=host
                """);
        ServerConfig c = ServerConfig.load(Map.of("HEARTH_CONFIG", file.toString()));
        assertThat(c.database()).isEqualTo("postgres://hearth:pw@db:5432/hearth");
        assertThat(c.backend()).isEqualTo("host");
    }

    @Test
    void anUnreadableConfigFileIsAClearError() {
        assertThatThrownBy(() -> ServerConfig.load(Map.of("HEARTH_CONFIG", folder.resolve("missing.yml").toString())))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("HEARTH_CONFIG: cannot read");
    }

    @Test
    void toStringHidesSecrets() {
        ServerConfig c = ServerConfig.load(Map.of(
                "GITHUB_WEBHOOK_SECRET", "webhook-secret-value",
                "GITHUB_TOKEN", "ghp_tokenvalue",
                "HEARTH_DB", "postgres://hearth:dbpassword@db/hearth"));
        assertThat(c.toString())
                .doesNotContain("webhook-secret-value")
                .doesNotContain("ghp_tokenvalue")
                .doesNotContain("dbpassword")
                .contains("webhookSecret=***")
                .contains("githubToken=***");
        assertThat(ServerConfig.load(Map.of("GITHUB_WEBHOOK_SECRET", "x", "HEARTH_DB", "jdbc:postgresql://db/h?user=u&password=topsecret"))
                .toString()).doesNotContain("topsecret");
    }
}
