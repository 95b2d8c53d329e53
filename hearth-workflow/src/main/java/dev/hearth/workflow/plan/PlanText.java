package dev.hearth.workflow.plan;

import dev.hearth.workflow.trigger.Event;
import java.util.List;

/**
 * A plan as a readable tree: the verdict on the event, then each level with its jobs, their legs and
 * their steps with kind and condition.
 */
public final class PlanText {

    private PlanText() {
    }

    /**
     * Renders the plan.
     *
     * @param eventNote a remark on how the event was chosen (e.g. that it is the first {@code on:}
     *                  event), or null
     */
    public static String render(Plan plan, String eventNote) {
        return render(plan, eventNote, UsesLabeler.NONE);
    }

    /**
     * Renders the plan, each {@code uses:} step and reusable job with its label:
     * {@code 2. [remote] Run actions/setup-node@v4  class: remote (node20)}.
     *
     * @param eventNote a remark on how the event was chosen, or null
     */
    public static String render(Plan plan, String eventNote, UsesLabeler labeler) {
        StringBuilder out = new StringBuilder(1024);
        out.append("workflow ").append(plan.name() != null ? plan.name() + " (" + plan.file() + ")" : plan.file())
                .append('\n');
        out.append("event    ").append(describe(plan.event()));
        if (eventNote != null) {
            out.append(" (").append(eventNote).append(')');
        }
        out.append('\n');
        if (plan.triggered()) {
            out.append("verdict  triggered\n");
        } else {
            out.append("verdict  NOT TRIGGERED: ").append(plan.trigger().reason()).append('\n');
        }
        for (String u : plan.trigger().unchecked()) {
            out.append("         not checked: ").append(u).append('\n');
        }
        for (String p : plan.problems()) {
            out.append("problem  ").append(p).append('\n');
        }
        String marker = plan.triggered() ? "" : " [not triggered]";
        levels(plan.levels(), "", marker, labeler, out);
        int steps = countSteps(plan.levels());
        out.append('\n').append(plan.jobCount()).append(plan.jobCount() == 1 ? " job, " : " jobs, ")
                .append(steps).append(steps == 1 ? " step" : " steps")
                .append(plan.triggered() ? "" : " (not triggered)").append('\n');
        return out.toString();
    }

    private static void levels(List<PlanLevel> levels, String indent, String marker, UsesLabeler labeler,
                               StringBuilder out) {
        for (PlanLevel level : levels) {
            out.append('\n').append(indent).append("level ").append(level.level() + 1).append(marker).append('\n');
            for (PlannedJob job : level.jobs()) {
                job(job, indent + "  ", labeler, out);
            }
        }
    }

    private static void job(PlannedJob job, String indent, UsesLabeler labeler, StringBuilder out) {
        out.append(indent).append("job ").append(job.id());
        if (job.name() != null) {
            out.append(" \"").append(job.name()).append('"');
        }
        out.append('\n');
        String more = indent + "    ";
        if (!job.needs().isEmpty()) {
            out.append(more).append("needs:   ").append(String.join(", ", job.needs())).append('\n');
        }
        out.append(more).append("if:      ").append(job.condition()).append('\n');
        if (job.runsOn() != null) {
            out.append(more).append("runs-on: ").append(job.runsOn()).append('\n');
        }
        matrix(job.matrix(), more, out);
        if (job.uses() != null) {
            out.append(more).append("calls:   ").append(job.uses().kind().label()).append(' ')
                    .append(job.uses().kind() == UsesRef.UsesKind.REMOTE ? remote(job.uses()) : job.uses().path());
            label(labeler.call(job.uses()), out);
            out.append('\n');
        }
        if (job.note() != null) {
            out.append(more).append("note:    ").append(job.note()).append('\n');
        }
        if (job.called() != null) {
            levels(job.called(), more, "", labeler, out);
        }
        if (!job.steps().isEmpty()) {
            out.append(more).append("steps:\n");
            steps(job.steps(), more + "  ", "", labeler, out);
        }
    }

    private static void steps(List<PlannedStep> steps, String indent, String prefix, UsesLabeler labeler,
                              StringBuilder out) {
        for (PlannedStep step : steps) {
            String number = prefix + step.number();
            out.append(indent).append(number).append(". [").append(step.kind()).append("] ")
                    .append(oneLine(step.name()));
            if (step.uses() != null && !step.name().equals("Run " + step.target())) {
                out.append("  (").append(step.target()).append(')');
            }
            if (step.background()) {
                out.append("  (background)");
            }
            if (!"success()".equals(step.condition())) {
                out.append("  if: ").append(oneLine(step.condition()));
            }
            if (step.uses() != null) {
                label(labeler.step(step.uses()), out);
            }
            out.append('\n');
            steps(step.steps(), indent + "   ", number + ".", labeler, out);
        }
    }

    private static void label(UsesLabel label, StringBuilder out) {
        if (label != null) {
            out.append("  class: ").append(label.actionClass());
            if (label.note() != null) {
                out.append(" (").append(oneLine(label.note())).append(')');
            }
        }
    }

    private static void matrix(MatrixPlan m, String indent, StringBuilder out) {
        switch (m.status()) {
            case NONE -> { }
            case RUNTIME -> out.append(indent).append("matrix:  evaluated at run time: ").append(m.expression())
                    .append('\n');
            case ERROR -> out.append(indent).append("matrix:  invalid: ").append(m.error()).append('\n');
            case EXPANDED -> {
                int n = m.legs().size();
                out.append(indent).append("matrix:  ")
                        .append(n == 0 ? "no legs (every combination is excluded)" : n == 1 ? "1 leg" : n + " legs")
                        .append('\n');
                for (MatrixPlan.Leg leg : m.legs()) {
                    out.append(indent).append("  - ").append(leg.name()).append('\n');
                }
            }
        }
    }

    private static String remote(UsesRef ref) {
        return ref.owner() + "/" + ref.repo() + (ref.path() == null ? "" : "/" + ref.path()) + "@" + ref.ref();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    static String describe(Event e) {
        StringBuilder s = new StringBuilder(e.name());
        if (e.action() != null) {
            s.append(" (").append(e.action()).append(')');
        }
        if (e.ref() != null) {
            s.append(" ref ").append(e.ref());
        }
        if (e.baseRef() != null) {
            s.append(" base ").append(e.baseRef());
        }
        if (e.headBranch() != null) {
            s.append(" head ").append(e.headBranch());
        }
        if (e.workflow() != null) {
            s.append(" workflow '").append(e.workflow()).append('\'');
        }
        if (e.changedPaths() != null) {
            int n = e.changedPaths().size();
            s.append(", ").append(n).append(n == 1 ? " changed file" : " changed files");
        }
        return s.toString();
    }

    /** Steps of all jobs, those of called workflows included; a parallel group counts as one. */
    static int countSteps(List<PlanLevel> levels) {
        int n = 0;
        for (PlanLevel l : levels) {
            for (PlannedJob j : l.jobs()) {
                n += j.steps().size();
                if (j.called() != null) {
                    n += countSteps(j.called());
                }
            }
        }
        return n;
    }
}
