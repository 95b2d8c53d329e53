package dev.hearth.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads dotenv files, the format of {@code --secret-file} and {@code --var-file} (as act and most
 * tools read {@code .env}): {@code NAME=VALUE} lines, optionally after {@code export}; blank lines
 * and lines starting with {@code #} are skipped; an unquoted value ends at a {@code #} that follows
 * a blank (a value may start with {@code #}: passwords do) and loses surrounding blanks; a {@code '...'} value is taken literally; a {@code "..."}
 * value understands {@code \n \r \t \" \\} and may span lines. The last of repeated names wins.
 */
public final class Dotenv {

    private Dotenv() {
    }

    /** A line that is not {@code NAME=VALUE}, or a quote left open; the message names file and line. */
    public static final class DotenvException extends Exception {
        private static final long serialVersionUID = 1L;

        DotenvException(String message) {
            super(message);
        }
    }

    /** Reads a file (UTF-8). */
    public static Map<String, String> read(Path file) throws IOException, DotenvException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses dotenv text.
     *
     * @param source names the text in error messages
     */
    public static Map<String, String> parse(String text, String source) throws DotenvException {
        Map<String, String> values = new LinkedHashMap<>();
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            // Trailing blanks matter inside a quoted value that goes on to the next line.
            String line = lines[i].stripLeading();
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ") || line.startsWith("export\t")) {
                line = line.substring(7).stripLeading();
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new DotenvException(source + ":" + lineNo + ": expected NAME=VALUE, found '" + line + "'");
            }
            String name = line.substring(0, eq).strip();
            if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
                throw new DotenvException(source + ":" + lineNo + ": '" + name + "' is not a name");
            }
            String rest = line.substring(eq + 1).stripLeading();
            if (rest.startsWith("\"") || rest.startsWith("'")) {
                char quote = rest.charAt(0);
                StringBuilder value = new StringBuilder();
                String tail = rest.substring(1);
                int startLine = lineNo;
                while (true) {
                    int end = closing(tail, quote, value);
                    if (end >= 0) {
                        String after = tail.substring(end + 1).strip();
                        if (!after.isEmpty() && !after.startsWith("#")) {
                            throw new DotenvException(source + ":" + lineNo + ": unexpected text after the closing quote: '"
                                    + after + "'");
                        }
                        break;
                    }
                    if (++i >= lines.length) {
                        throw new DotenvException(source + ":" + startLine + ": the value of " + name
                                + " has no closing " + quote);
                    }
                    lineNo = i + 1;
                    value.append('\n');
                    tail = lines[i];
                }
                values.put(name, value.toString());
            } else {
                values.put(name, unquoted(rest));
            }
        }
        return values;
    }

    /**
     * Appends {@code tail} up to the closing quote to {@code value}, unescaping in double quotes;
     * returns the quote's index, or -1 when the line ends first (all of it appended).
     */
    private static int closing(String tail, char quote, StringBuilder value) {
        for (int j = 0; j < tail.length(); j++) {
            char c = tail.charAt(j);
            if (c == quote) {
                return j;
            }
            if (quote == '"' && c == '\\' && j + 1 < tail.length()) {
                char n = tail.charAt(++j);
                switch (n) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case '"', '\\', '$' -> value.append(n);
                    default -> value.append('\\').append(n);
                }
                continue;
            }
            value.append(c);
        }
        return -1;
    }

    /** An unquoted value: up to a {@code #} after a blank (a comment), without surrounding blanks. */
    private static String unquoted(String rest) {
        for (int j = 0; j < rest.length(); j++) {
            if (rest.charAt(j) == '#' && j > 0 && Character.isWhitespace(rest.charAt(j - 1))) {
                return rest.substring(0, j).strip();
            }
        }
        return rest.strip();
    }
}
