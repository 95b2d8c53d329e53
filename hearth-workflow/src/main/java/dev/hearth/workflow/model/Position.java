package dev.hearth.workflow.model;

/** Where something was written: 1-based line and column in its file. */
public record Position(int line, int column) {
    public static final Position NONE = new Position(0, 0);
}
