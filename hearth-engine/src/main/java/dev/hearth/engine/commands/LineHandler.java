package dev.hearth.engine.commands;

import dev.hearth.engine.LogLine;

/** Receives the lines of a command's output, one call at a time. */
@FunctionalInterface
public interface LineHandler {
    /** One complete line, without its line end. */
    void line(LogLine.Source source, String text);
}
