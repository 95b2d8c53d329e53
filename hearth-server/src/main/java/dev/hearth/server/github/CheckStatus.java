package dev.hearth.server.github;

import java.util.Locale;

/** Where a check run is: queued, in progress, or completed (then it has a conclusion). */
public enum CheckStatus {
    QUEUED, IN_PROGRESS, COMPLETED;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
