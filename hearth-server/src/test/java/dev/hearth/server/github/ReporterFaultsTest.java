package dev.hearth.server.github;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** GitHub's faults, played by WireMock, and what the reporter makes of each. */
class ReporterFaultsTest {

    static final String SHA = GitHubClientTest.SHA;
    static final String PATH = "/repos/octo/app/statuses/" + SHA;
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final RetryPolicy.Settings SETTINGS = new RetryPolicy.Settings(5, Duration.ofSeconds(4), 2.0, 0.5,
            Duration.ofSeconds(60), Duration.ofMinutes(1), Duration.ofHours(1));

    WireMockServer github;
    MutableClock clock = new MutableClock(NOW);
    Reporter reporter;

    @BeforeEach
    void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
        reporter = reporterFor(URI.create(github.baseUrl()));
    }

    @AfterEach
    void stop() {
        github.stop();
    }

    private Reporter reporterFor(URI api) {
        GitHubConfig config = new GitHubConfig(api, new GitHubAuth.Token("ghp_t"), Duration.ofSeconds(2), Duration.ofMillis(300));
        return new Reporter(GitHubClient.create(config, clock), new RetryPolicy(SETTINGS), clock);
    }

    private ReportOutcome sendStatus(int attempt) {
        return reporter.send(new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, "ok"), attempt);
    }

    @Test
    void sentWhenGitHubAccepts() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(created()));
        assertThat(sendStatus(1)).isEqualTo(new ReportOutcome.Sent());
    }

    @Test
    void serverErrorIsRetriedWithJitteredExponentialBackoff() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(jsonResponse("{\"message\":\"Server Error\"}", 502)));

        ReportOutcome first = sendStatus(1);
        ReportOutcome third = sendStatus(3);

        assertThat(first).isInstanceOfSatisfying(ReportOutcome.RetryAt.class, r -> {
            assertThat(r.at()).isBetween(NOW.plusSeconds(2), NOW.plusSeconds(6)); // 4 s ± 50 %
            assertThat(r.reason()).contains("502").contains("Server Error");
        });
        assertThat(third).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.at()).isBetween(NOW.plusSeconds(8), NOW.plusSeconds(24))); // 16 s ± 50 %
    }

    @Test
    void backoffIsCapped() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(serverError()));
        assertThat(sendStatus(4)).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.at()).isBeforeOrEqualTo(NOW.plusSeconds(60)));
    }

    @Test
    void primaryRateLimitWaitsForTheReset() {
        long reset = NOW.getEpochSecond() + 1234;
        github.stubFor(post(urlEqualTo(PATH)).willReturn(jsonResponse("{\"message\":\"API rate limit exceeded\"}", 403)
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "0")
                .withHeader("X-RateLimit-Reset", Long.toString(reset))));

        assertThat(sendStatus(1)).isEqualTo(new ReportOutcome.RetryAt(Instant.ofEpochSecond(reset + 1),
                "POST " + PATH + " answered 403: API rate limit exceeded"));
    }

    @Test
    void retryAfterIsHonouredOn429And403() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));
        assertThat(sendStatus(1)).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.at()).isEqualTo(NOW.plusSeconds(30)));

        github.resetAll();
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(90).atOffset(ZoneOffset.UTC));
        github.stubFor(post(urlEqualTo(PATH)).willReturn(jsonResponse("{\"message\":\"You have exceeded a secondary rate limit\"}", 403)
                .withHeader("Retry-After", date)));
        assertThat(sendStatus(1)).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.at()).isEqualTo(NOW.plusSeconds(90)));
    }

    @Test
    void secondaryRateLimitWithoutHeadersWaitsAtLeastAMinute() {
        github.stubFor(post(urlEqualTo(PATH))
                .willReturn(jsonResponse("{\"message\":\"You have exceeded a secondary rate limit.\"}", 403)));
        assertThat(sendStatus(1)).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.at()).isAfterOrEqualTo(NOW.plusSeconds(60)));
    }

    @Test
    void timeoutAndBrokenConnectionAreRetried() throws Exception {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(created().withFixedDelay(3_000)));
        assertThat(sendStatus(1)).isInstanceOfSatisfying(ReportOutcome.RetryAt.class,
                r -> assertThat(r.reason()).contains("timed out"));

        github.resetAll();
        github.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        assertThat(sendStatus(1)).isInstanceOf(ReportOutcome.RetryAt.class);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(reporterFor(URI.create("http://127.0.0.1:" + closedPort)).send(
                new Report.CommitStatus("octo/app", SHA, "ci", StatusState.SUCCESS, null, null), 1))
                .isInstanceOfSatisfying(ReportOutcome.RetryAt.class, r -> assertThat(r.reason()).contains("failed"));
    }

    @Test
    void otherClientErrorsAreFinal() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(jsonResponse("{\"message\":\"Validation Failed\"}", 422)));
        assertThat(sendStatus(1)).isEqualTo(new ReportOutcome.Failed("POST " + PATH + " answered 422: Validation Failed"));

        github.resetAll();
        github.stubFor(post(urlEqualTo(PATH)).willReturn(jsonResponse("{\"message\":\"Resource not accessible by integration\"}", 403)
                .withHeader("X-RateLimit-Remaining", "4999")));
        assertThat(sendStatus(1)).isInstanceOf(ReportOutcome.Failed.class);

        github.resetAll();
        github.stubFor(post(urlEqualTo(PATH)).willReturn(notFound()));
        assertThat(sendStatus(1)).isInstanceOf(ReportOutcome.Failed.class);
    }

    @Test
    void givesUpWhenTheAttemptsRunOut() {
        github.stubFor(post(urlEqualTo(PATH)).willReturn(serverError()));
        assertThat(sendStatus(SETTINGS.maxAttempts())).isInstanceOfSatisfying(ReportOutcome.Failed.class,
                f -> assertThat(f.reason()).startsWith("gave up after 5 attempts").contains("500"));
    }
}
