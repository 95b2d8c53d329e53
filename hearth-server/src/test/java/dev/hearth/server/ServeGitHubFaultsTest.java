package dev.hearth.server;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.hearth.server.config.ServerConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5, acceptance 4, through a whole running server: the local GitHub answers the first status
 * calls with a 500, a 403 rate limit, a call that outlasts the client's timeout and a 502; every
 * workflow's status still reaches GitHub in the end, and the last one GitHub accepted for each is the
 * real conclusion.
 */
class ServeGitHubFaultsTest {

    private static final String STATUSES = "/repos/octo/hello/statuses/[0-9a-f]+";

    @Test
    void everyStatusIsDeliveredInTheEndThroughServerErrorsRateLimitsAndTimeouts(@TempDir Path dir) throws Exception {
        try (GitHubFixture gh = new GitHubFixture(dir)) {
            injectFaults(gh);
            RevCommit commit = gh.commit("workflows", ServeEndToEndTest.workflows());
            gh.push("main", "refs/heads/main");
            Map<String, String> env = new HashMap<>(gh.env(dir.resolve("data")));
            env.put("GITHUB_API_TIMEOUT_SECONDS", "1");
            try (Server server = new Server(ServerConfig.load(env), ServeEndToEndTest.fastOptions())) {
                int port = server.start();
                assertThat(gh.deliver(port, "push", "push-1",
                        gh.pushPayload("refs/heads/main", null, commit, List.of(commit))).statusCode()).isBetween(200, 299);

                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() ->
                        "success".equals(lastAccepted(gh, commit, "hearth/ci"))
                                && "failure".equals(lastAccepted(gh, commit, "hearth/fail")));
            }
            List<String> faultsServed = gh.github.getAllServeEvents().stream()
                    .filter(e -> e.getStubMapping().getName() != null)
                    .map(e -> e.getStubMapping().getName()).toList();
            assertThat(faultsServed).as("every fault was met")
                    .contains("fault-500", "fault-rate-limit", "fault-timeout", "fault-502");
            assertThat(lastAccepted(gh, commit, "hearth/docs")).as("filtered out by paths").isNull();
        }
    }

    /** The first four status calls meet one fault each, in this order; later calls are accepted. */
    private static void injectFaults(GitHubFixture gh) {
        String reset = Long.toString(Instant.now().plusSeconds(1).getEpochSecond());
        gh.github.stubFor(post(urlPathMatching(STATUSES)).atPriority(1).withName("fault-500")
                .inScenario("faults").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("rate-limit")
                .willReturn(aResponse().withStatus(500).withBody("{\"message\":\"Server Error\"}")));
        gh.github.stubFor(post(urlPathMatching(STATUSES)).atPriority(1).withName("fault-rate-limit")
                .inScenario("faults").whenScenarioStateIs("rate-limit").willSetStateTo("timeout")
                .willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", reset)
                        .withBody("{\"message\":\"API rate limit exceeded\"}")));
        gh.github.stubFor(post(urlPathMatching(STATUSES)).atPriority(1).withName("fault-timeout")
                .inScenario("faults").whenScenarioStateIs("timeout").willSetStateTo("bad-gateway")
                .willReturn(aResponse().withStatus(504).withFixedDelay(3_000)));
        gh.github.stubFor(post(urlPathMatching(STATUSES)).atPriority(1).withName("fault-502")
                .inScenario("faults").whenScenarioStateIs("bad-gateway").willSetStateTo("healthy")
                .willReturn(aResponse().withStatus(502)));
    }

    /** The state of the last status for {@code context} on the commit that GitHub accepted (201). */
    private static String lastAccepted(GitHubFixture gh, RevCommit commit, String context) {
        return ServeEndToEndTest.last(gh.acceptedStatuses(commit.name(), context));
    }
}
