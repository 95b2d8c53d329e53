package dev.hearth.engine.commands;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads the workflow command a line of a step's output carries, as GitHub's runner does. One parser
 * serves one step (it remembers a {@code ::stop-commands::} pause); it is not thread-safe — the line
 * assembler already hands lines over one at a time.
 *
 * <p>Two forms are read:
 * <ul>
 *   <li>{@code ::name key=value,key2=value2::data} at the start of the line, after any leading
 *       whitespace. Properties are separated by commas, each split at its first {@code =}; a property
 *       without a name or without a value is dropped. Data is unescaped ({@code %25 %0D %0A}),
 *       property values too (also {@code %3A %2C});</li>
 *   <li>the legacy {@code ##[name key=value;key2=value2]data} anywhere in the line, properties separated
 *       by semicolons, with the legacy escapes ({@code %3B %0D %0A %5D %25}).</li>
 * </ul>
 * Names are case-insensitive. A line whose name GitHub does not know is plain output on GitHub; this
 * parser still returns it (for the {@code ::} form only) so the engine can log it, and
 * {@link WorkflowCommand#isKnown()} tells it apart.
 *
 * <p>{@code ::stop-commands::TOKEN} pauses processing until a line {@code ::TOKEN::}: in between every
 * line is plain output ({@link #parse} returns null); the stop line and the resume line are returned
 * (the latter with {@link WorkflowCommand#resumes()} set) so the engine can show them. As on GitHub, a
 * token that is empty, {@code pause-logging} or a command's name is refused — the command is still
 * returned, but nothing pauses — unless unsecure stop tokens are allowed.
 */
public final class CommandParser {
    /** The stop command's name. */
    public static final String STOP_COMMANDS = "stop-commands";

    private static final String KEY = "::";
    private static final String LEGACY_PREFIX = "##[";

    private final boolean allowUnsecureStopTokens;
    /** The token that resumes processing; null while commands are processed. */
    private String stopToken;

    /** A parser that refuses unsafe stop tokens, as GitHub does by default. */
    public CommandParser() {
        this(false);
    }

    /** @param allowUnsecureStopTokens {@code ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS} */
    public CommandParser(boolean allowUnsecureStopTokens) {
        this.allowUnsecureStopTokens = allowUnsecureStopTokens;
    }

    /** The command {@code line} carries, or null when it is plain output. */
    public WorkflowCommand parse(String line) {
        if (line == null || line.isEmpty()) {
            return null;
        }
        if (stopToken != null) {
            String token = stopToken;
            Predicate<String> registered = name -> WorkflowCommand.isKnownName(name) || name.equalsIgnoreCase(token);
            WorkflowCommand command = parse(line, registered);
            if (command == null || !command.name().equalsIgnoreCase(token)) {
                return null;
            }
            stopToken = null;
            return new WorkflowCommand(command.name(), command.properties(), command.value(), true);
        }
        WorkflowCommand command = parse(line, WorkflowCommand::isKnownName);
        if (command != null) {
            if (command.is(STOP_COMMANDS) && acceptsStopToken(command.value(), allowUnsecureStopTokens)) {
                stopToken = command.value();
            }
            return command;
        }
        return parseV2(line, name -> true);
    }

    /** Whether commands are paused by {@code ::stop-commands::}. */
    public boolean stopped() {
        return stopToken != null;
    }

    /**
     * Whether {@code ::stop-commands::token} pauses processing: GitHub refuses an empty token,
     * {@code pause-logging} and a command's name, since output that merely repeats a command name would
     * resume processing, unless {@code ACTIONS_ALLOW_UNSECURE_STOPCOMMAND_TOKENS} is set.
     */
    public static boolean acceptsStopToken(String token, boolean allowUnsecure) {
        boolean unsafe = token == null || token.isEmpty() || token.equalsIgnoreCase("pause-logging")
                || WorkflowCommand.isKnownName(token);
        return allowUnsecure || !unsafe;
    }

    private static WorkflowCommand parse(String line, Predicate<String> registered) {
        WorkflowCommand command = parseV2(line, registered);
        return command != null ? command : parseLegacy(line, registered);
    }

    private static WorkflowCommand parseV2(String line, Predicate<String> registered) {
        String message = stripLeadingWhitespace(line);
        if (!message.startsWith(KEY)) {
            return null;
        }
        int end = message.indexOf(KEY, KEY.length());
        if (end < 0) {
            return null;
        }
        String info = message.substring(KEY.length(), end);
        int space = info.indexOf(' ');
        String name = space < 0 ? info : info.substring(0, space);
        if (name.isEmpty() || !registered.test(name)) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (space > 0) {
            properties(info.substring(space + 1).strip(), ',', properties, false);
        }
        return new WorkflowCommand(name, properties, unescape(message.substring(end + KEY.length()), Escapes.DATA));
    }

    private static WorkflowCommand parseLegacy(String line, Predicate<String> registered) {
        int prefix = line.indexOf(LEGACY_PREFIX);
        if (prefix < 0) {
            return null;
        }
        int bracket = line.indexOf(']', prefix);
        if (bracket < 0) {
            return null;
        }
        String info = line.substring(prefix + LEGACY_PREFIX.length(), bracket);
        int space = info.indexOf(' ');
        String name = space < 0 ? info : info.substring(0, space);
        if (name.isEmpty() || !registered.test(name)) {
            return null;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        if (space > 0) {
            properties(info.substring(space + 1), ';', properties, true);
        }
        return new WorkflowCommand(name, properties, unescape(line.substring(bracket + 1), Escapes.LEGACY));
    }

    /**
     * Splits {@code text} into properties the way the runner's {@code Split(…, RemoveEmptyEntries)}
     * calls do: empty entries vanish, a pair is cut at its first {@code =} with any {@code =} right
     * after it dropped, and a pair missing its name or its value is ignored. The last of a repeated
     * name wins.
     */
    private static void properties(String text, char separator, Map<String, String> into, boolean legacy) {
        for (String entry : text.split(Pattern.quote(String.valueOf(separator)))) {
            int start = 0;
            while (start < entry.length() && entry.charAt(start) == '=') {
                start++;
            }
            int equals = entry.indexOf('=', start);
            if (equals < 0) {
                continue;
            }
            int valueStart = equals + 1;
            while (valueStart < entry.length() && entry.charAt(valueStart) == '=') {
                valueStart++;
            }
            if (valueStart >= entry.length()) {
                continue;
            }
            String key = entry.substring(start, equals);
            String raw = entry.substring(valueStart);
            into.put(key, unescape(raw, legacy ? Escapes.LEGACY : Escapes.PROPERTY));
        }
    }

    /** .NET's {@code TrimStart()}, which the runner applies: Unicode white space, not only ASCII. */
    private static String stripLeadingWhitespace(String s) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085')) {
                break;
            }
            i++;
        }
        return s.substring(i);
    }

    /** Escapes a command's data: {@code %} {@code CR} {@code LF}. */
    public static String escapeData(String s) {
        return escape(s, Escapes.DATA);
    }

    /** Escapes a property value: {@code %} {@code CR} {@code LF} {@code :} {@code ,}. */
    public static String escapeProperty(String s) {
        return escape(s, Escapes.PROPERTY);
    }

    /** Undoes {@link #escapeData}. */
    public static String unescapeData(String s) {
        return unescape(s, Escapes.DATA);
    }

    /** Undoes {@link #escapeProperty}. */
    public static String unescapeProperty(String s) {
        return unescape(s, Escapes.PROPERTY);
    }

    /** Which characters a form escapes, and as what. */
    private enum Escapes {
        DATA("%\r\n", new String[] {"%25", "%0D", "%0A"}),
        PROPERTY("%\r\n:,", new String[] {"%25", "%0D", "%0A", "%3A", "%2C"}),
        LEGACY("%\r\n;]", new String[] {"%25", "%0D", "%0A", "%3B", "%5D"});

        final String tokens;
        final String[] codes;

        Escapes(String tokens, String[] codes) {
            this.tokens = tokens;
            this.codes = codes;
        }
    }

    private static String escape(String s, Escapes escapes) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            int t = escapes.tokens.indexOf(s.charAt(i));
            if (t >= 0 && b == null) {
                b = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            if (b != null) {
                if (t >= 0) {
                    b.append(escapes.codes[t]);
                } else {
                    b.append(s.charAt(i));
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * One left-to-right pass; the runner replaces code by code, {@code %25} last, which gives the same
     * result because no code contains another's {@code %} past its first character. Codes are
     * upper-case only, as in the runner's ordinal replacement.
     */
    private static String unescape(String s, Escapes escapes) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        outer:
        while (i < s.length()) {
            if (s.charAt(i) == '%' && i + 3 <= s.length()) {
                for (int t = 0; t < escapes.codes.length; t++) {
                    if (s.startsWith(escapes.codes[t], i)) {
                        b.append(escapes.tokens.charAt(t));
                        i += 3;
                        continue outer;
                    }
                }
            }
            b.append(s.charAt(i++));
        }
        return b.toString();
    }
}
