package dev.hearth.workflow.plan;

import dev.hearth.workflow.model.Position;
import java.util.List;

/**
 * One step of a job as it would run.
 *
 * @param number     1-based position in its list (the job's steps, or a parallel group's)
 * @param id         the id its author gave, or null
 * @param name       the display name: {@code name:}, or GitHub's default ({@code Run <first line>},
 *                   {@code Run owner/repo@ref})
 * @param kind       {@code run}; the kind of action: {@code local}, {@code remote}, {@code docker};
 *                   or a background-step control: {@code wait}, {@code wait-all}, {@code cancel},
 *                   {@code parallel}
 * @param target     the script of a {@code run} step, the {@code uses:} value as written, the step ids
 *                   a control waits for or cancels; null for a parallel group
 * @param uses       the parsed {@code uses:}, or null when the step is no action
 * @param condition  the condition GitHub evaluates, e.g. {@code success()}
 * @param background whether the step runs in the background ({@code background: true})
 * @param steps      the steps of a {@code parallel} group; empty for every other kind
 * @param position   where the step was written
 */
public record PlannedStep(int number, String id, String name, String kind, String target, UsesRef uses,
                          String condition, boolean background, List<PlannedStep> steps, Position position) {
    public PlannedStep {
        steps = List.copyOf(steps);
    }
}
