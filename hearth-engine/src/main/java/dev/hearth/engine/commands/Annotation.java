package dev.hearth.engine.commands;

/**
 * A notice, warning or error raised by {@code ::notice::}, {@code ::warning::} or {@code ::error::}
 * (or by the runner itself, with no file).
 *
 * @param level     notice, warning or error
 * @param message   the message (masked)
 * @param title     {@code title=}, or null
 * @param file      {@code file=}, or null
 * @param line      {@code line=}, or null
 * @param endLine   {@code endLine=}, or null
 * @param column    {@code col=}, or null
 * @param endColumn {@code endColumn=}, or null
 */
public record Annotation(Level level, String message, String title, String file, Integer line, Integer endLine,
                         Integer column, Integer endColumn) {

    /** How serious an annotation is. */
    public enum Level { NOTICE, WARNING, ERROR }

    public static Annotation of(Level level, String message) {
        return new Annotation(level, message, null, null, null, null, null, null);
    }

    /** {@code file:line:col}, as much of it as is known, or empty. */
    public String location() {
        if (file == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(file);
        if (line != null) {
            b.append(':').append(line);
            if (column != null) {
                b.append(':').append(column);
            }
        }
        return b.toString();
    }
}
