package dev.hearth.cli;

import dev.hearth.workflow.ReadResult;
import dev.hearth.workflow.model.Job;
import dev.hearth.workflow.model.ReusableWorkflowJob;
import dev.hearth.workflow.model.RunStep;
import dev.hearth.workflow.model.RunnerJob;
import dev.hearth.workflow.model.Step;
import dev.hearth.workflow.model.UsesStep;
import dev.hearth.workflow.model.Workflow;
import dev.hearth.workflow.validate.Problem;
import dev.hearth.workflow.validate.ScalarTemplate;
import java.util.List;

/**
 * The one-line JSON answer of {@code hearth validate --json} for one file:
 * {@code {"valid", "errors":[{"line","column","message"}], "jobs":[{"id","needs","if","uses","steps","jobs"}]}}.
 */
public final class ValidationJson {
    private ValidationJson() {
    }

    public static String of(ReadResult result) {
        StringBuilder out = new StringBuilder(256);
        out.append("{\"valid\":").append(result.valid()).append(",\"errors\":[");
        boolean first = true;
        for (Problem p : result.problems()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"line\":");
            out.append(p.line() > 0 ? Integer.toString(p.line()) : "null");
            out.append(",\"column\":");
            out.append(p.column() > 0 ? Integer.toString(p.column()) : "null");
            out.append(",\"message\":");
            jsonString(out, message(p));
            out.append('}');
        }
        out.append("],\"jobs\":");
        Workflow w = result.workflow();
        jobs(out, w == null ? List.of() : w.jobs());
        return out.append('}').toString();
    }

    /** GitHub's wording: {@code file (Line: 3, Col: 5): message}. */
    static String message(Problem p) {
        if (p.line() <= 0) {
            return p.file() + ": " + p.message();
        }
        return p.file() + " (Line: " + p.line() + ", Col: " + p.column() + "): " + p.message();
    }

    private static void jobs(StringBuilder out, List<Job> jobs) {
        out.append('[');
        boolean first = true;
        for (Job j : jobs) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"id\":");
            jsonString(out, j.id());
            out.append(",\"needs\":[");
            for (int i = 0; i < j.needs().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                jsonString(out, j.needs().get(i));
            }
            out.append("],\"if\":");
            jsonString(out, j.condition());
            out.append(",\"uses\":");
            jsonString(out, j instanceof ReusableWorkflowJob r ? r.uses() : null);
            out.append(",\"steps\":[");
            if (j instanceof RunnerJob r) {
                steps(out, r.steps());
            }
            out.append("],\"jobs\":");
            Workflow called = j instanceof ReusableWorkflowJob r ? r.called() : null;
            jobs(out, called == null ? List.of() : called.jobs());
            out.append('}');
        }
        out.append(']');
    }

    private static void steps(StringBuilder out, List<Step> steps) {
        boolean first = true;
        for (Step s : steps) {
            if (!first) {
                out.append(',');
            }
            first = false;
            out.append("{\"id\":");
            jsonString(out, s.id());
            out.append(",\"if\":");
            jsonString(out, s.condition());
            if (s instanceof RunStep r) {
                out.append(",\"run\":");
                jsonString(out, evaluated(r.run()));
            } else if (s instanceof UsesStep u) {
                out.append(",\"uses\":");
                jsonString(out, evaluated(u.uses()));
            }
            out.append('}');
        }
    }

    /** The value as GitHub evaluates it: plain text, or the expression a {@code ${{ }}} value becomes. */
    private static String evaluated(String raw) {
        if (raw == null || !ScalarTemplate.mayHaveExpressions(raw)) {
            return raw;
        }
        ScalarTemplate t = ScalarTemplate.parse(raw);
        if (t.error() != null) {
            return raw;
        }
        String literal = t.literalValue();
        return literal != null ? literal : t.toExpressionSource();
    }

    /** A JSON string literal; lone surrogates are escaped so the output stays valid UTF-8. */
    static void jsonString(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || Character.isSurrogate(c)
                            && !validSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** A lone surrogate would make the output invalid UTF-8; escape it instead. */
    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
