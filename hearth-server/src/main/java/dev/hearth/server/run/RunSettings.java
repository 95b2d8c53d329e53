package dev.hearth.server.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * How runs are carried out.
 *
 * @param workRoot          where each run gets its folder (checkout and sandbox files); a dead process's
 *                          leftovers here are cleared at start
 * @param maxConcurrent     at most this many workflows run at once on this node
 * @param lease             how long a claim on a run lasts unless renewed (renewed at a third of it)
 * @param maxAttempts       runs a dead process left are tried again until they have had this many attempts
 * @param allowForksOnHost  run pull requests from forks on the {@code host} backend (which isolates nothing)
 * @param secrets           the secrets runs get ({@code GITHUB_TOKEN}); never given to pull requests from forks
 * @param pollInterval      how often the scheduler looks for queued runs when nobody woke it
 */
public record RunSettings(Path workRoot, int maxConcurrent, Duration lease, int maxAttempts, boolean allowForksOnHost,
                          Map<String, String> secrets, Duration pollInterval) {
    public RunSettings {
        if (maxConcurrent < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("maxConcurrent and maxAttempts must be positive");
        }
        secrets = Map.copyOf(secrets);
    }
}
