package dev.hearth.server.github;

import java.time.Instant;

/** What became of one attempt to send a report: sent, to be tried again at a time, or given up. */
public sealed interface ReportOutcome {

    /** GitHub accepted it. */
    record Sent() implements ReportOutcome {
    }

    /** Not now: try again at {@code at}; {@code reason} says what went wrong. */
    record RetryAt(Instant at, String reason) implements ReportOutcome {
    }

    /** Final: GitHub refused it for a reason a retry cannot change, or the attempts ran out. */
    record Failed(String reason) implements ReportOutcome {
    }
}
