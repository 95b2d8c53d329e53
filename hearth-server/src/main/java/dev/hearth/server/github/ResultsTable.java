package dev.hearth.server.github;

import java.time.Duration;
import java.util.List;

/**
 * The body of Hearth's PR comment: a hidden marker by which the comment is found again, and a markdown
 * table with one row per workflow and its real conclusion. The body stays under GitHub's 65,536
 * character limit by leaving rows out, and says how many.
 */
public final class ResultsTable {

    /** Invisible in the rendered comment; how Hearth recognizes its own comment among the PR's. */
    public static final String MARKER = "<!-- hearth:results -->";
    static final int MAX_BODY = 65_536;

    private ResultsTable() {
    }

    public static String render(String sha, List<WorkflowResult> results) {
        StringBuilder head = new StringBuilder()
                .append(MARKER).append('\n')
                .append("### Hearth results for ").append(sha, 0, Math.min(7, sha.length())).append("\n\n");
        if (results.isEmpty()) {
            return head.append("No workflow of this commit is triggered by this event.\n").toString();
        }
        head.append("| Workflow | Conclusion | Duration | Details |\n")
                .append("|---|---|---|---|\n");
        StringBuilder rows = new StringBuilder();
        int shown = 0;
        for (WorkflowResult r : results) {
            String row = row(r);
            // Room for the "more workflows" line, whatever its number.
            if (head.length() + rows.length() + row.length() + 64 > MAX_BODY) {
                break;
            }
            rows.append(row);
            shown++;
        }
        StringBuilder body = head.append(rows);
        if (shown < results.size()) {
            body.append("\n… and ").append(results.size() - shown).append(" more workflows, not shown.\n");
        }
        return body.toString();
    }

    private static String row(WorkflowResult r) {
        return "| " + cell(r.workflow()) + " | " + conclusion(r.conclusion()) + " | " + duration(r.duration())
                + " | " + (r.url() == null ? "" : "[run](" + r.url().replace(")", "%29") + ")") + " |\n";
    }

    private static String conclusion(RunConclusion c) {
        if (c == null) {
            return "⏳ running";
        }
        String icon = switch (c) {
            case SUCCESS -> "✅";
            case FAILURE, TIMED_OUT -> "❌";
            case CANCELLED -> "🚫";
            case SKIPPED -> "⏭️";
            case ERROR -> "⚠️";
        };
        return icon + " " + c.word();
    }

    static String duration(Duration d) {
        if (d == null) {
            return "";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + String.format("%02ds", s % 60);
        }
        return (s / 3600) + "h " + String.format("%02dm", (s % 3600) / 60);
    }

    /** A table cell: pipes would split the cell and newlines end the row. */
    private static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
    }
}
