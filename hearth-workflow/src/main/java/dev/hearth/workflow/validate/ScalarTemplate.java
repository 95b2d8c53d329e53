package dev.hearth.workflow.validate;

import dev.hearth.expressions.ExpressionException;
import dev.hearth.expressions.Template;
import java.util.ArrayList;
import java.util.List;

/**
 * A scalar's {@code ${{ }}} segments as the workflow reader needs them, on top of the expression
 * engine's {@link Template}: broken templates become an error value instead of an exception, and a
 * value that is one expression of one string literal (an escaped expression, e.g.
 * {@code ${{ '${{ x }}' }}}) becomes that literal, as GitHub's template reader does.
 */
public final class ScalarTemplate {
    /** A piece of the scalar: literal text, or the source of one expression (trimmed). */
    public record Segment(boolean expression, String text, int offset) {
    }

    private final Template template;
    private final List<Segment> segments;
    private final String error;
    private final int errorOffset;

    private ScalarTemplate(Template template, List<Segment> segments, String error, int errorOffset) {
        this.template = template;
        this.segments = segments;
        this.error = error;
        this.errorOffset = errorOffset;
    }

    /** Whether the raw text holds an expression at all (cheap pre-check). */
    public static boolean mayHaveExpressions(String raw) {
        return raw.indexOf("${{") >= 0;
    }

    public static ScalarTemplate parse(String raw) {
        Template t;
        try {
            t = Template.parse(raw);
        } catch (ExpressionException e) {
            return new ScalarTemplate(null, List.of(), e.getMessage(), Math.max(0, e.position() - 1));
        }
        List<Segment> segments = new ArrayList<>(t.segments().size());
        for (Template.Segment s : t.segments()) {
            switch (s) {
                case Template.Literal l -> segments.add(new Segment(false, l.text(), l.offset()));
                case Template.ExpressionSegment e -> segments.add(new Segment(true, e.source(), e.offset()));
            }
        }
        return new ScalarTemplate(t, List.copyOf(segments), null, -1);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** GitHub's message when the template is broken, else null. */
    public String error() {
        return error;
    }

    public int errorOffset() {
        return errorOffset;
    }

    public boolean hasExpressions() {
        for (Segment s : segments) {
            if (s.expression()) {
                return true;
            }
        }
        return false;
    }

    /** The value when it is one expression of one string literal ({@code ${{ 'x' }}}), else null. */
    public String literalValue() {
        if (segments.size() != 1 || !segments.get(0).expression()) {
            return null;
        }
        String e = segments.get(0).text();
        StringBuilder out = new StringBuilder();
        boolean inString = false;
        for (int i = 0; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\'') {
                inString = !inString;
                if (inString && i != 0) {
                    out.append(c);
                }
            } else if (!inString) {
                return null;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Whether the whole value is a single expression (so a directive such as insert is allowed). */
    public boolean isSingleExpression() {
        return segments.size() == 1 && segments.get(0).expression();
    }

    /**
     * The expression GitHub evaluates for this value: the single expression itself, or
     * {@code format('text {0}', expr)} for text with embedded expressions; null for a broken template.
     */
    public String toExpressionSource() {
        return template == null ? null : template.toExpressionSource();
    }
}
