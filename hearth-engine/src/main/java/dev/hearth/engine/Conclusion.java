package dev.hearth.engine;

import java.util.Locale;

/** How a step, a job or a run ended, in GitHub's words. */
public enum Conclusion {
    SUCCESS, FAILURE, CANCELLED, SKIPPED;

    /** The lower-case word GitHub uses in contexts ({@code needs.x.result}, {@code steps.y.outcome}). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
