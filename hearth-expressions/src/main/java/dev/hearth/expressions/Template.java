package dev.hearth.expressions;

import java.util.ArrayList;
import java.util.List;

/**
 * A string from a workflow file split into literal text and {@code ${{ }}} expressions, with
 * GitHub's rules: an expression ends at the first {@code }}} outside a single-quoted string
 * literal; an empty expression or a missing {@code }}} is an error.
 */
public final class Template {

    private static final String OPEN = "${{";

    /** One part of a template. */
    public sealed interface Segment {
    }

    /** Literal text; {@code offset} is where it starts in the raw string. */
    public record Literal(String text, int offset) implements Segment {
    }

    /**
     * An expression: {@code source} is the text between the braces, trimmed; {@code offset} is where
     * its {@code ${{} starts in the raw string and {@code length} covers through the closing braces.
     */
    public record ExpressionSegment(String source, int offset, int length) implements Segment {
    }

    private final String raw;
    private final List<Segment> segments;

    private Template(String raw, List<Segment> segments) {
        this.raw = raw;
        this.segments = segments;
    }

    /**
     * Splits a raw string.
     *
     * @throws ExpressionException of kind PARSING with GitHub's message when an expression is empty or not closed
     */
    public static Template parse(String raw) {
        int next = raw.indexOf(OPEN);
        if (next < 0) {
            return new Template(raw, raw.isEmpty() ? List.of() : List.of(new Literal(raw, 0)));
        }
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            if (i == next) {
                int start = i;
                int end = -1;
                boolean inString = false;
                for (i += OPEN.length(); i < n; i++) {
                    char c = raw.charAt(i);
                    if (c == '\'') {
                        inString = !inString; // '' escapes toggle twice, so they need no special case
                    } else if (!inString && c == '}' && raw.charAt(i - 1) == '}') {
                        end = i;
                        i++;
                        break;
                    }
                }
                if (end < 0) {
                    throw new ExpressionException(ExpressionException.Kind.PARSING, start + 1,
                            "The expression is not closed. An unescaped ${{ sequence was found, but the closing }} sequence was not found.");
                }
                String inner = raw.substring(start + OPEN.length(), end - 1);
                String trimmed = JsNumbers.trim(inner);
                if (trimmed.isEmpty()) {
                    throw new ExpressionException(ExpressionException.Kind.PARSING, start + 1, "An expression was expected");
                }
                segments.add(new ExpressionSegment(trimmed, start, end + 1 - start));
                next = raw.indexOf(OPEN, i);
            } else if (next >= 0) {
                segments.add(new Literal(raw.substring(i, next), i));
                i = next;
            } else {
                segments.add(new Literal(raw.substring(i), i));
                break;
            }
        }
        return new Template(raw, List.copyOf(segments));
    }

    public String raw() {
        return raw;
    }

    public List<Segment> segments() {
        return segments;
    }

    public boolean hasExpressions() {
        for (Segment s : segments) {
            if (s instanceof ExpressionSegment) return true;
        }
        return false;
    }

    /** The expression segments, in order. */
    public List<ExpressionSegment> expressions() {
        List<ExpressionSegment> out = new ArrayList<>();
        for (Segment s : segments) {
            if (s instanceof ExpressionSegment e) out.add(e);
        }
        return out;
    }

    /**
     * The single expression GitHub evaluates for this template: the expression itself when the
     * template is exactly one {@code ${{ x }}}; a string literal when there is no expression;
     * otherwise {@code format('literal {0} text', x)} with quotes doubled and braces escaped.
     */
    public String toExpressionSource() {
        if (segments.size() == 1 && segments.get(0) instanceof ExpressionSegment e) {
            return e.source();
        }
        if (!hasExpressions()) {
            StringBuilder sb = new StringBuilder(raw.length() + 2).append('\'');
            appendEscaped(sb, raw, false);
            return sb.append('\'').toString();
        }
        StringBuilder format = new StringBuilder("format('");
        StringBuilder args = new StringBuilder();
        int arg = 0;
        for (Segment s : segments) {
            switch (s) {
                case Literal l -> appendEscaped(format, l.text(), true);
                case ExpressionSegment e -> {
                    format.append('{').append(arg++).append('}');
                    args.append(", ").append(e.source());
                }
            }
        }
        return format.append('\'').append(args).append(')').toString();
    }

    private static void appendEscaped(StringBuilder sb, String text, boolean braces) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') sb.append("''");
            else if (braces && c == '{') sb.append("{{");
            else if (braces && c == '}') sb.append("}}");
            else sb.append(c);
        }
    }

    @Override
    public String toString() {
        return raw;
    }
}
