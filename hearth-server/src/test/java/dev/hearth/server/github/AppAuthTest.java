package dev.hearth.server.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.hearth.server.config.ServerConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppAuthTest {

    static final String SHA = GitHubClientTest.SHA;
    static final Instant T0 = Instant.parse("2025-03-01T12:00:00Z");
    static KeyPair keys;

    WireMockServer github;
    MutableClock clock = new MutableClock(T0);

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        if (keys == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        }
        github = new WireMockServer(options().dynamicPort());
        github.start();
        github.stubFor(get(urlEqualTo("/repos/octo/app/installation")).willReturn(okJson("{\"id\":99}")));
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA)).willReturn(created()));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    @Test
    void readsPkcs8AndPkcs1PemFiles() throws Exception {
        RSAPrivateKey fromPkcs8 = PrivateKeyPem.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        RSAPrivateKey fromPkcs1 = PrivateKeyPem.read(pem("RSA PRIVATE KEY", pkcs1Of(keys.getPrivate().getEncoded())));

        assertThat(fromPkcs8.getModulus()).isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getModulus());
        assertThat(fromPkcs1.getPrivateExponent()).isEqualTo(((RSAPrivateCrtKey) keys.getPrivate()).getPrivateExponent());
        assertThatThrownBy(() -> PrivateKeyPem.read("not a key")).hasMessageContaining("no PEM block");
        assertThatThrownBy(() -> PrivateKeyPem.read(pem("EC PRIVATE KEY", new byte[] {1, 2})))
                .hasMessageContaining("unsupported PEM block EC PRIVATE KEY");
    }

    @Test
    void jwtIsRs256SignedByTheAppKeyAndTradedForAnInstallationToken() throws Exception {
        mintsTokens(tokenAnswer("ghs_first", T0.plus(Duration.ofHours(1))));
        GitHubClient client = appClient(PrivateKeyPem.read(pem("RSA PRIVATE KEY", pkcs1Of(keys.getPrivate().getEncoded()))));

        client.createStatus(status());

        LoggedRequest exchange = github.findAll(postRequestedFor(urlEqualTo("/app/installations/99/access_tokens"))).get(0);
        String jwt = exchange.getHeader("Authorization").substring("Bearer ".length());
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(keys.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signature verifies with the public key").isTrue();
        JsonNode header = GitHubJson.parse(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        JsonNode claims = GitHubJson.parse(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(claims.get("iss").asText()).isEqualTo("12345");
        assertThat(claims.get("iat").asLong()).isEqualTo(T0.getEpochSecond() - 60);
        assertThat(claims.get("exp").asLong()).isGreaterThan(T0.getEpochSecond())
                .isLessThanOrEqualTo(T0.getEpochSecond() + 600);
        assertThat(github.findAll(getRequestedFor(urlEqualTo("/repos/octo/app/installation"))).get(0)
                .getHeader("Authorization")).isEqualTo("Bearer " + jwt);
        assertThat(github.findAll(postRequestedFor(urlEqualTo("/repos/octo/app/statuses/" + SHA))).get(0)
                .getHeader("Authorization")).isEqualTo("Bearer ghs_first");
    }

    @Test
    void installationTokenIsCachedUntilShortlyBeforeItExpires() throws Exception {
        github.stubFor(post(urlEqualTo("/app/installations/99/access_tokens")).inScenario("mint")
                .whenScenarioStateIs("Started").willSetStateTo("one")
                .willReturn(tokenAnswer("ghs_one", T0.plus(Duration.ofHours(1)))));
        github.stubFor(post(urlEqualTo("/app/installations/99/access_tokens")).inScenario("mint")
                .whenScenarioStateIs("one").willSetStateTo("two")
                .willReturn(tokenAnswer("ghs_two", T0.plus(Duration.ofHours(2)))));
        GitHubClient client = appClient(PrivateKeyPem.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));

        client.createStatus(status());
        clock.advance(Duration.ofMinutes(54)); // 6 minutes left: still good
        client.createStatus(status());
        clock.advance(Duration.ofMinutes(2)); // 4 minutes left: renewed before it can die in flight
        client.createStatus(status());

        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/99/access_tokens")));
        github.verify(1, getRequestedFor(urlEqualTo("/repos/octo/app/installation")));
        assertThat(bearers()).containsExactly("Bearer ghs_one", "Bearer ghs_one", "Bearer ghs_two");
    }

    @Test
    void gitFetchesWithTheInstallationTokenTheApiCallsUse() throws Exception {
        mintsTokens(tokenAnswer("ghs_fetch", T0.plus(Duration.ofHours(1))));
        GitHubClient client = appClient(PrivateKeyPem.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));

        assertThat(client.tokenFor("octo/app")).isEqualTo("ghs_fetch");
        client.createStatus(status());

        github.verify(1, postRequestedFor(urlEqualTo("/app/installations/99/access_tokens")));
        assertThat(bearers()).containsExactly("Bearer ghs_fetch");
    }

    @Test
    void a401RefreshesTheTokenOnceAndRetries() throws Exception {
        github.stubFor(post(urlEqualTo("/app/installations/99/access_tokens")).inScenario("mint")
                .whenScenarioStateIs("Started").willSetStateTo("one")
                .willReturn(tokenAnswer("ghs_revoked", T0.plus(Duration.ofHours(1)))));
        github.stubFor(post(urlEqualTo("/app/installations/99/access_tokens")).inScenario("mint")
                .whenScenarioStateIs("one").willSetStateTo("two")
                .willReturn(tokenAnswer("ghs_fresh", T0.plus(Duration.ofHours(1)))));
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA)).withHeader("Authorization", equalTo("Bearer ghs_revoked"))
                .willReturn(jsonResponse("{\"message\":\"Bad credentials\"}", 401)));
        GitHubClient client = appClient(PrivateKeyPem.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));

        client.createStatus(status());

        assertThat(bearers()).containsExactly("Bearer ghs_revoked", "Bearer ghs_fresh");
        github.verify(2, postRequestedFor(urlEqualTo("/app/installations/99/access_tokens")));
    }

    @Test
    void aTokenThatStaysRejectedIsRetriedOnlyOnce() throws Exception {
        mintsTokens(tokenAnswer("ghs_bad", T0.plus(Duration.ofHours(1))));
        github.stubFor(post(urlEqualTo("/repos/octo/app/statuses/" + SHA))
                .willReturn(jsonResponse("{\"message\":\"Bad credentials\"}", 401)));
        GitHubClient client = appClient(PrivateKeyPem.read(pem("PRIVATE KEY", keys.getPrivate().getEncoded())));

        assertThatThrownBy(() -> client.createStatus(status())).isInstanceOf(GitHubCallException.class)
                .hasMessageContaining("401");
        github.verify(2, postRequestedFor(urlEqualTo("/repos/octo/app/statuses/" + SHA)));
    }

    @Test
    void configFromEnvironmentPrefersTheAppAndReadsItsKeyFile() throws Exception {
        Path key = dir.resolve("app.pem");
        Files.writeString(key, pem("RSA PRIVATE KEY", pkcs1Of(keys.getPrivate().getEncoded())));

        GitHubConfig app = config(Map.of("GITHUB_APP_ID", "12345",
                "GITHUB_APP_PRIVATE_KEY_FILE", key.toString(), "GITHUB_TOKEN", "ghp_x",
                "GITHUB_API_URL", "https://ghe.example/api/v3")).orElseThrow();
        GitHubConfig token = config(Map.of("GITHUB_TOKEN", "ghp_x")).orElseThrow();

        assertThat(app.checkRuns()).isTrue();
        assertThat(app.apiUrl()).isEqualTo(URI.create("https://ghe.example/api/v3"));
        assertThat(app.toString()).doesNotContain("PRIVATE").contains("key ***");
        assertThat(token.checkRuns()).isFalse();
        assertThat(token.apiUrl()).isEqualTo(GitHubConfig.DEFAULT_API_URL);
        assertThat(token.toString()).doesNotContain("ghp_x");
        assertThat(token.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config(Map.of("GITHUB_TOKEN", "ghp_x", "GITHUB_API_TIMEOUT_SECONDS", "5")).orElseThrow()
                .requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config(Map.of())).isEmpty();
        assertThatThrownBy(() -> config(Map.of("GITHUB_APP_ID", "1")))
                .hasMessageContaining("GITHUB_APP_PRIVATE_KEY_FILE");
    }

    /** GitHub's part of a server configured by {@code env} (with the webhook check off, which it needs). */
    private static java.util.Optional<GitHubConfig> config(Map<String, String> env) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("HEARTH_INSECURE_NO_SIGNATURE", "true");
        return GitHubConfig.from(ServerConfig.load(all));
    }

    private GitHubClient appClient(RSAPrivateKey key) {
        return GitHubClient.create(new GitHubConfig(URI.create(github.baseUrl()), new GitHubAuth.App("12345", key)), clock);
    }

    private void mintsTokens(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
        github.stubFor(post(urlEqualTo("/app/installations/99/access_tokens")).willReturn(answer));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder tokenAnswer(String token, Instant expires) {
        return jsonResponse("{\"token\":\"" + token + "\",\"expires_at\":\"" + expires + "\"}", 201);
    }

    private List<String> bearers() {
        return github.findAll(postRequestedFor(urlEqualTo("/repos/octo/app/statuses/" + SHA))).stream()
                .map(r -> r.getHeader("Authorization")).toList();
    }

    private static Report.CommitStatus status() {
        return new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, "ok");
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** The PKCS#1 key inside a PKCS#8 PrivateKeyInfo: the content of its OCTET STRING, the third element. */
    static byte[] pkcs1Of(byte[] pkcs8) {
        int[] pos = {0};
        header(pkcs8, pos, 0x30);
        skip(pkcs8, pos, 0x02);
        skip(pkcs8, pos, 0x30);
        int length = header(pkcs8, pos, 0x04);
        return Arrays.copyOfRange(pkcs8, pos[0], pos[0] + length);
    }

    private static void skip(byte[] der, int[] pos, int tag) {
        int length = header(der, pos, tag);
        pos[0] += length;
    }

    private static int header(byte[] der, int[] pos, int tag) {
        assertThat(der[pos[0]++] & 0xff).isEqualTo(tag);
        int first = der[pos[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[pos[0]++] & 0xff);
        }
        return length;
    }
}
