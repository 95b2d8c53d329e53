package dev.hearth.server.github;

import java.time.Clock;

/**
 * Sends one report to GitHub and says what became of it, as a value: {@link ReportOutcome.Sent},
 * {@link ReportOutcome.RetryAt} or {@link ReportOutcome.Failed}. It keeps no state of its own: the
 * attempt number comes from the outbox, which remembers it across restarts.
 */
public final class Reporter {

    private final GitHubClient client;
    private final RetryPolicy policy;
    private final Clock clock;

    public Reporter(GitHubClient client, RetryPolicy policy, Clock clock) {
        this.client = client;
        this.policy = policy;
        this.clock = clock;
    }

    /** One try at {@code report}; {@code attempt} counts from 1. */
    public ReportOutcome send(Report report, int attempt) {
        try {
            client.send(report);
            return new ReportOutcome.Sent();
        } catch (GitHubCallException e) {
            return policy.decide(e.failure(), attempt, clock.instant());
        } catch (RuntimeException e) {
            // An answer we cannot read or a broken App key: retrying the same thing would fail the same way.
            return new ReportOutcome.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
