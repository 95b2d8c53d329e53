package dev.hearth.engine.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the files a step writes, as GitHub's runner reads them.
 *
 * <p>GITHUB_ENV, GITHUB_OUTPUT and GITHUB_STATE hold {@code NAME=value} lines and heredocs
 * <pre>
 * NAME&lt;&lt;DELIMITER
 * line 1
 * line 2
 * DELIMITER
 * </pre>
 * Whichever of {@code =} and {@code <<} comes first decides the form, so a value may contain both.
 * Empty lines between entries are skipped; inside a heredoc every line counts, and the value is its
 * lines joined with {@code \n} (none for an empty value). The delimiter must match a whole line
 * exactly. A later entry for a name replaces an earlier one. One deliberate difference from the Linux
 * runner: a line may end with CRLF (files written by Windows tools or {@code unix2dos}); the Linux runner
 * would keep the CR in the value and miss the delimiter. A line {@code =value} is refused for its empty
 * name; the runner means to refuse it too (its message exists) but tests the wrong variable and accepts it.
 */
public final class FileCommands {
    /** The one variable GitHub refuses from GITHUB_ENV and {@code ::set-env::}. */
    public static final String NODE_OPTIONS = "NODE_OPTIONS";
    /** GitHub's refusal of NODE_OPTIONS in GITHUB_ENV: an error annotation; the entry is skipped, the step goes on. */
    public static final String NODE_OPTIONS_REFUSED = "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.";
    /**
     * Size limit of one step's summary, in bytes. Above it GitHub drops the whole summary and shows
     * {@link #summaryRefusal(long)} as an error annotation; the step's result is not affected.
     */
    public static final long SUMMARY_LIMIT = 1024 * 1024;
    private static final String SUMMARY_TOO_LARGE = "$GITHUB_STEP_SUMMARY upload aborted, supports content up to a "
            + "size of %dk, got %dk. For more information see: "
            + "https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-markdown-summary";

    private FileCommands() {
    }

    /**
     * The entries of a GITHUB_ENV, GITHUB_OUTPUT or GITHUB_STATE file, in the order their names first
     * appear.
     *
     * @param commandName which file: {@code env}, {@code GITHUB_ENV} or {@code set-env} (and likewise
     *                    for output and state), for the messages
     * @throws FileCommandException with GitHub's message when the file is malformed
     */
    public static Map<String, String> parseKeyValue(String content, String commandName) throws FileCommandException {
        return parseKeyValue(content, FileCommand.named(commandName));
    }

    /** {@link #parseKeyValue(String, String)} for a known file. */
    public static Map<String, String> parseKeyValue(String content, FileCommand command) throws FileCommandException {
        Map<String, String> entries = new LinkedHashMap<>();
        Lines lines = new Lines(content == null ? "" : content);
        String line;
        while ((line = lines.next()) != null) {
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            int heredoc = line.indexOf("<<");
            if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
                String name = line.substring(0, equals);
                if (name.isEmpty()) {
                    throw new FileCommandException(command, "Invalid format '" + line + "'. Name must not be empty");
                }
                entries.put(name, line.substring(equals + 1));
            } else if (heredoc >= 0) {
                String name = line.substring(0, heredoc);
                String delimiter = line.substring(heredoc + 2);
                if (name.isEmpty() || delimiter.isEmpty()) {
                    throw new FileCommandException(command, "Invalid format '" + line
                            + "'. Name must not be empty and delimiter must not be empty");
                }
                entries.put(name, heredocValue(lines, delimiter, command));
            } else {
                throw new FileCommandException(command, "Invalid format '" + line + "'");
            }
        }
        return entries;
    }

    private static String heredocValue(Lines lines, String delimiter, FileCommand command) throws FileCommandException {
        List<String> value = new ArrayList<>();
        while (true) {
            String line = lines.next();
            if (line == null) {
                throw new FileCommandException(command, "Invalid value. Matching delimiter not found '" + delimiter + "'");
            }
            if (line.equals(delimiter)) {
                return String.join("\n", value);
            }
            if (!lines.lastHadNewline()) {
                // The last line of the file is neither the delimiter nor ended: GitHub's wording for it.
                throw new FileCommandException(command, "Invalid value. EOF marker missing new line.");
            }
            value.add(line);
        }
    }

    /**
     * GitHub's refusal of a GITHUB_ENV entry, or null when the name is accepted. Only NODE_OPTIONS is
     * refused (ignoring case); GitHub shows the refusal as an error annotation and goes on without
     * failing the step.
     */
    public static String envRefusal(String name) {
        return NODE_OPTIONS.equalsIgnoreCase(name) ? NODE_OPTIONS_REFUSED : null;
    }

    /**
     * The directories of a GITHUB_PATH file, in file order (the last one ends up first in PATH): one per
     * line, lines ending with LF, CRLF or CR, empty lines skipped. Lines are not trimmed — the runner
     * adds {@code " /opt/x"} as it is.
     */
    public static List<String> parsePath(String content) {
        List<String> paths = new ArrayList<>();
        if (content == null) {
            return paths;
        }
        for (String line : content.split("\r\n|\n|\r")) {
            if (!line.isEmpty()) {
                paths.add(line);
            }
        }
        return paths;
    }

    /**
     * The job's prepended directories after a step added {@code added}: as on GitHub, a directory added
     * again moves to the end (the front of PATH) instead of appearing twice.
     */
    public static List<String> prependPath(List<String> current, List<String> added) {
        List<String> result = new ArrayList<>(current);
        for (String path : added) {
            result.remove(path);
            result.add(path);
        }
        return result;
    }

    /** PATH for a step: the prepended directories, latest first, before {@code path} (which may be empty). */
    public static String pathVariable(List<String> prepended, String path) {
        StringBuilder b = new StringBuilder();
        for (int i = prepended.size() - 1; i >= 0; i--) {
            if (!b.isEmpty()) {
                b.append(':');
            }
            b.append(prepended.get(i));
        }
        if (path != null && !path.isEmpty()) {
            if (!b.isEmpty()) {
                b.append(':');
            }
            b.append(path);
        }
        return b.toString();
    }

    /** GitHub's error for a step summary of {@code sizeBytes}, or null when it is within {@link #SUMMARY_LIMIT}. */
    public static String summaryRefusal(long sizeBytes) {
        return sizeBytes > SUMMARY_LIMIT ? SUMMARY_TOO_LARGE.formatted(SUMMARY_LIMIT / 1024, sizeBytes / 1024) : null;
    }

    /** Lines of a file: LF ends a line, a CR before it (or at the very end) is dropped. */
    private static final class Lines {
        private final String text;
        private int index;
        private boolean lastHadNewline;

        Lines(String text) {
            this.text = text;
        }

        String next() {
            if (index >= text.length()) {
                return null;
            }
            int start = index;
            int lf = text.indexOf('\n', start);
            int end;
            if (lf < 0) {
                end = text.length();
                index = text.length();
                lastHadNewline = false;
            } else {
                end = lf;
                index = lf + 1;
                lastHadNewline = true;
            }
            if (end > start && text.charAt(end - 1) == '\r') {
                end--;
            }
            return text.substring(start, end);
        }

        boolean lastHadNewline() {
            return lastHadNewline;
        }
    }
}
