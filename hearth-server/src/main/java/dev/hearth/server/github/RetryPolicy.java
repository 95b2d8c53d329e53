package dev.hearth.server.github;

import io.github.resilience4j.core.IntervalFunction;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which failed calls to GitHub are worth another try, and when. Retryable: no answer (connection
 * error, timeout), 5xx, 408, 429, and a 403 that is a rate limit (it carries {@code Retry-After}, or
 * {@code X-RateLimit-Remaining: 0}, or says so). The wait honours {@code Retry-After} first, then the
 * primary limit's {@code X-RateLimit-Reset}, else grows exponentially with jitter up to a cap; a
 * secondary rate limit without headers waits at least a minute, as GitHub asks. Any other 4xx is final,
 * and so is everything once the attempts run out.
 */
public final class RetryPolicy {

    /** The knobs; {@link #defaults()} suit a server that must deliver in the end. */
    public record Settings(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
                           Duration maxBackoff, Duration secondaryLimitWait, Duration maxHonouredWait) {
        public Settings {
            if (maxAttempts < 1 || multiplier < 1 || jitter < 0 || jitter >= 1) {
                throw new IllegalArgumentException("bad retry settings");
            }
        }

        public static Settings defaults() {
            // 30 attempts spaced up to 10 minutes apart ride out a few hours of GitHub outage.
            return new Settings(30, Duration.ofSeconds(5), 2.0, 0.5, Duration.ofMinutes(10),
                    Duration.ofMinutes(1), Duration.ofHours(1));
        }
    }

    /** Clock skew between GitHub and us: wait a little past the announced reset. */
    static final Duration RESET_SLACK = Duration.ofSeconds(1);

    private final Settings settings;
    private final IntervalFunction backoff;

    public RetryPolicy(Settings settings) {
        this.settings = settings;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(settings.initialBackoff(), settings.multiplier(),
                settings.jitter(), settings.maxBackoff());
    }

    public Settings settings() {
        return settings;
    }

    /** The answer to {@code failure} on attempt number {@code attempt} (the first try is 1). */
    public ReportOutcome decide(CallFailure failure, int attempt, Instant now) {
        Optional<Instant> retryAt = switch (failure) {
            case CallFailure.Unreachable u -> Optional.of(now.plus(backoff(attempt)));
            case CallFailure.Refused r -> whenRefused(r.response(), attempt, now);
        };
        if (retryAt.isEmpty()) {
            return new ReportOutcome.Failed(failure.describe());
        }
        if (attempt >= settings.maxAttempts()) {
            return new ReportOutcome.Failed("gave up after " + attempt + " attempts; the last: " + failure.describe());
        }
        return new ReportOutcome.RetryAt(retryAt.get(), failure.describe());
    }

    private Optional<Instant> whenRefused(ApiResponse response, int attempt, Instant now) {
        int status = response.status();
        Optional<Instant> retryAfter = retryAfter(response, now);
        boolean exhausted = response.header("X-RateLimit-Remaining").map(String::trim).filter("0"::equals).isPresent();
        boolean saysRateLimit = GitHubJson.message(response.body()).toLowerCase(Locale.ROOT).contains("rate limit");
        boolean rateLimited = status == 429 || (status == 403 && (retryAfter.isPresent() || exhausted || saysRateLimit));
        if (rateLimited) {
            if (retryAfter.isPresent()) {
                return retryAfter;
            }
            Optional<Instant> reset = exhausted ? reset(response, now) : Optional.empty();
            if (reset.isPresent()) {
                return reset;
            }
            Duration wait = backoff(attempt);
            return Optional.of(now.plus(wait.compareTo(settings.secondaryLimitWait()) < 0 ? settings.secondaryLimitWait() : wait));
        }
        if (status >= 500 || status == 408) {
            return Optional.of(retryAfter.orElseGet(() -> now.plus(backoff(attempt))));
        }
        return Optional.empty();
    }

    private Duration backoff(int attempt) {
        return Duration.ofMillis(backoff.apply(Math.max(1, attempt)));
    }

    /** {@code Retry-After}: delay-seconds or an HTTP date; capped, and never in the past. */
    private Optional<Instant> retryAfter(ApiResponse response, Instant now) {
        Optional<String> value = response.header("Retry-After").map(String::trim);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = now.plusSeconds(Math.max(0, Long.parseLong(value.get())));
        } catch (NumberFormatException notSeconds) {
            try {
                at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        return Optional.of(clamp(at, now));
    }

    /** {@code X-RateLimit-Reset}: when the primary limit's window starts again, in epoch seconds. */
    private Optional<Instant> reset(ApiResponse response, Instant now) {
        try {
            return response.header("X-RateLimit-Reset")
                    .map(v -> Instant.ofEpochSecond(Long.parseLong(v.trim())).plus(RESET_SLACK))
                    .filter(at -> at.isAfter(now))
                    .map(at -> clamp(at, now));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private Instant clamp(Instant at, Instant now) {
        Instant latest = now.plus(settings.maxHonouredWait());
        return at.isBefore(now) ? now : at.isAfter(latest) ? latest : at;
    }
}
