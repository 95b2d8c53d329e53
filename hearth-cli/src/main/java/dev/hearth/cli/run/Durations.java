package dev.hearth.cli.run;

import java.time.Duration;
import java.util.Locale;

/** Durations as people read them: {@code 340ms}, {@code 12.3s}, {@code 2m 05s}, {@code 1h 02m}. */
public final class Durations {
    private Durations() {
    }

    public static String format(Duration d) {
        if (d == null) {
            return "";
        }
        long ms = Math.max(0, d.toMillis());
        if (ms < 1000) {
            return ms + "ms";
        }
        if (ms < 60_000) {
            // Tenths, rounded down, so 59.99s never reads as 60.0s.
            return String.format(Locale.ROOT, "%d.%ds", ms / 1000, ms % 1000 / 100);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, s % 3600 / 60);
    }
}
