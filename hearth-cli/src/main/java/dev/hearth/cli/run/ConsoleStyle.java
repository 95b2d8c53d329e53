package dev.hearth.cli.run;

import dev.hearth.engine.Conclusion;
import java.io.Console;
import java.lang.reflect.Method;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How the terminal is written to: with ANSI colors or not, with Unicode marks (✓ ✗ ▶) or plain
 * words. Colors only on a terminal and when {@code NO_COLOR} is unset (no-color.org); marks only
 * when the terminal takes UTF-8.
 *
 * @param color   whether to use ANSI colors
 * @param unicode whether to use Unicode marks instead of words
 */
public record ConsoleStyle(boolean color, boolean unicode) {

    /** No colors, plain words: for files, pipes and tests. */
    public static final ConsoleStyle PLAIN = new ConsoleStyle(false, false);

    /** ANSI colors. */
    public enum Ansi {
        BOLD("1"), DIM("2"), RED("31"), GREEN("32"), YELLOW("33"), BLUE("34"), MAGENTA("35"), CYAN("36");

        final String code;

        Ansi(String code) {
            this.code = code;
        }
    }

    /** The style for this process's standard output. */
    public static ConsoleStyle detect() {
        return detect(System.getenv(), isTerminal(), stdoutCharset());
    }

    /** The style for a terminal (or not) with this environment and character set. */
    static ConsoleStyle detect(Map<String, String> env, boolean terminal, Charset charset) {
        String noColor = env.get("NO_COLOR");
        boolean color = terminal && (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
        return new ConsoleStyle(color, charset.equals(StandardCharsets.UTF_8));
    }

    /** {@code text} in these colors, or as it is without colors. */
    public String paint(String text, Ansi... ansi) {
        if (!color || ansi.length == 0 || text.isEmpty()) {
            return text;
        }
        StringBuilder b = new StringBuilder(text.length() + 12).append("\u001b[");
        for (int i = 0; i < ansi.length; i++) {
            b.append(i == 0 ? "" : ";").append(ansi[i].code);
        }
        return b.append('m').append(text).append("\u001b[0m").toString();
    }

    /** Unicode {@code mark} or the plain {@code word}. */
    public String mark(String mark, String word) {
        return unicode ? mark : word;
    }

    /**
     * A conclusion as shown: the mark and the word ({@code ✓ success}) or the word alone
     * ({@code success}) when marks are off. Not painted; see {@link #colorOf}.
     */
    public String result(Conclusion c) {
        String mark = switch (c) {
            case SUCCESS -> "\u2713";
            case FAILURE, CANCELLED -> "\u2717";
            case SKIPPED -> "-";
        };
        return unicode ? mark + " " + c.word() : c.word();
    }

    /** The color of a conclusion. */
    public static Ansi colorOf(Conclusion c) {
        return switch (c) {
            case SUCCESS -> Ansi.GREEN;
            case FAILURE -> Ansi.RED;
            case CANCELLED -> Ansi.YELLOW;
            case SKIPPED -> Ansi.DIM;
        };
    }

    /** The ellipsis character or three dots. */
    public String ellipsis() {
        return unicode ? "\u2026" : "...";
    }

    /**
     * Whether standard input and output are a terminal (so a person may be asked). From JDK 22 on {@link System#console()} also
     * answers for redirected streams and {@code Console.isTerminal()} tells the difference; the code
     * is built for JDK 21, hence the reflective call.
     */
    public static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method m = Console.class.getMethod("isTerminal");
            return (Boolean) m.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    private static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding", System.getProperty("native.encoding", "UTF-8"));
        try {
            return Charset.forName(name);
        } catch (RuntimeException e) {
            return StandardCharsets.US_ASCII;
        }
    }
}
