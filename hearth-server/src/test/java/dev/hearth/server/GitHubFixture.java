package dev.hearth.server;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;

/**
 * What the serve tests share: a real git repository made by the test (a working clone and a bare
 * "GitHub" copy served by path), WireMock playing GitHub's REST API (statuses, and one PR comment that
 * exists once created), and signed deliveries posted over HTTP like GitHub's.
 */
final class GitHubFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "octo/hello";
    static final String SECRET = "s3cret-for-tests";

    final Path bare;
    final Git work;
    final WireMockServer github = new WireMockServer(options().dynamicPort());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    GitHubFixture(Path dir) throws Exception {
        bare = dir.resolve("origin.git");
        Git.init().setBare(true).setGitDir(bare.toFile()).setInitialBranch("main").call().close();
        work = Git.init().setDirectory(dir.resolve("work").toFile()).setInitialBranch("main").call();
        github.start();
        github.stubFor(post(urlPathMatching("/repos/octo/hello/statuses/[0-9a-f]+"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":1}")));
        // The PR comment: none until Hearth creates it, then GitHub lists it so Hearth edits it.
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/repos/octo/hello/issues/7/comments")).inScenario("comment")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("[]")));
        github.stubFor(post(urlPathEqualTo("/repos/octo/hello/issues/7/comments")).inScenario("comment")
                .willSetStateTo("created")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("{\"id\":99}")));
        github.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo("/repos/octo/hello/issues/7/comments")).inScenario("comment")
                .whenScenarioStateIs("created")
                .willReturn(okJson("[{\"id\":99,\"body\":\"<!-- hearth:results -->\\nold\"}]")));
        github.stubFor(patch(urlPathEqualTo("/repos/octo/hello/issues/comments/99"))
                .willReturn(okJson("{\"id\":99}")));
    }

    /** The environment of a server that reports to this fake GitHub and fetches the local repository. */
    Map<String, String> env(Path dataDir) {
        return Map.of("PORT", "0", "HEARTH_DATA_DIR", dataDir.toString(), "GITHUB_WEBHOOK_SECRET", SECRET,
                "GITHUB_TOKEN", "ghp_test", "GITHUB_API_URL", github.baseUrl(), "HEARTH_ALLOW_LOCAL_REPOS", "true",
                "MAX_CONCURRENT_WORKFLOWS", "2");
    }

    RevCommit commit(String message, Map<String, String> files) throws Exception {
        Path root = work.getRepository().getWorkTree().toPath();
        for (var e : files.entrySet()) {
            Path file = root.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
            work.add().addFilepattern(e.getKey()).call();
        }
        PersonIdent who = new PersonIdent("Test", "test@example.com");
        return work.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false).call();
    }

    void push(String src, String dst) throws Exception {
        work.push().setRemote(bare.toUri().toString()).setRefSpecs(new RefSpec("+" + src + ":" + dst)).call();
    }

    void branch(String name) throws Exception {
        work.checkout().setCreateBranch(true).setName(name).call();
    }

    private ObjectNode repository() {
        ObjectNode repo = JSON.createObjectNode();
        repo.put("full_name", REPO);
        repo.put("clone_url", bare.toString());
        return repo;
    }

    /** A push body with the fields GitHub sends that Hearth reads. */
    String pushPayload(String ref, RevCommit before, RevCommit after, List<RevCommit> commits) {
        ObjectNode p = JSON.createObjectNode();
        p.put("ref", ref);
        p.put("before", before == null ? "0000000000000000000000000000000000000000" : before.name());
        p.put("after", after.name());
        p.put("created", before == null);
        p.put("deleted", false);
        ArrayNode list = p.putArray("commits");
        commits.forEach(c -> list.addObject().put("id", c.name()).put("message", c.getFullMessage()));
        p.set("repository", repository());
        p.putObject("sender").put("login", "octocat");
        return p.toString();
    }

    /** A pull_request body of PR 7 from a branch of the same repository (no test merge commit yet). */
    String pullRequestPayload(String action, RevCommit base, RevCommit head) {
        ObjectNode p = JSON.createObjectNode();
        p.put("action", action);
        p.put("number", 7);
        ObjectNode pr = p.putObject("pull_request");
        pr.put("number", 7);
        pr.putNull("merge_commit_sha");
        ObjectNode b = pr.putObject("base");
        b.put("ref", "main").put("sha", base.name());
        b.putObject("repo").put("full_name", REPO);
        ObjectNode h = pr.putObject("head");
        h.put("ref", "feature").put("sha", head.name());
        h.putObject("repo").put("full_name", REPO);
        p.set("repository", repository());
        p.putObject("sender").put("login", "octocat");
        return p.toString();
    }

    /** Posts a delivery signed with the secret, as GitHub does. */
    HttpResponse<String> deliver(int port, String event, String deliveryId, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhook"))
                .header("Content-Type", "application/json").header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", deliveryId).header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The status states posted for {@code context} on {@code sha}, in order. */
    List<String> statuses(String sha, String context) {
        return github.findAll(postRequestedFor(urlPathEqualTo("/repos/octo/hello/statuses/" + sha))).stream()
                .map(GitHubFixture::json)
                .filter(j -> j.path("context").asText().equals(context))
                .map(j -> j.path("state").asText())
                .toList();
    }

    /** The status states for {@code context} on {@code sha} that GitHub accepted (201), in the order they came. */
    List<String> acceptedStatuses(String sha, String context) {
        String path = "/repos/octo/hello/statuses/" + sha;
        return github.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path) && e.getResponse().getStatus() == 201)
                .map(com.github.tomakehurst.wiremock.stubbing.ServeEvent::getRequest)
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(GitHubFixture::json)
                .filter(j -> j.path("context").asText().equals(context))
                .map(j -> j.path("state").asText())
                .toList();
    }

    List<LoggedRequest> requests(com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        return github.findAll(pattern);
    }

    static JsonNode json(LoggedRequest r) {
        try {
            return JSON.readTree(r.getBodyAsString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        work.close();
        github.stop();
    }
}
