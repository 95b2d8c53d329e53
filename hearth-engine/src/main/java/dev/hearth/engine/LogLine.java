package dev.hearth.engine;

import java.time.Instant;

/**
 * One line of a job's log, already masked.
 *
 * @param time   when it was seen
 * @param source where it came from
 * @param kind   what it is: plain output, or what a workflow command made of it
 * @param text   the text without its line end (for a group: the group's title)
 */
public record LogLine(Instant time, Source source, Kind kind, String text) {

    /** Where a line came from. */
    public enum Source { STDOUT, STDERR, RUNNER }

    /** What a line is. */
    public enum Kind { OUTPUT, GROUP, ENDGROUP, DEBUG, NOTICE, WARNING, ERROR, COMMAND }

    public static LogLine runner(Kind kind, String text) {
        return new LogLine(Instant.now(), Source.RUNNER, kind, text);
    }
}
