package dev.hearth.server.github;

import java.util.Locale;

/** The four states of a GitHub commit status. */
public enum StatusState {
    PENDING, SUCCESS, FAILURE, ERROR;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
