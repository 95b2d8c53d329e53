package dev.hearth.workflow.plan;

import dev.hearth.workflow.model.Position;

/**
 * One step of a job as it would run.
 *
 * @param number    1-based position in the job
 * @param id        the id its author gave, or null
 * @param name      the display name: {@code name:}, or GitHub's default ({@code Run <first line>},
 *                  {@code Run owner/repo@ref})
 * @param kind      {@code run}, or the kind of action: {@code local}, {@code remote}, {@code docker}
 * @param target    the script of a {@code run} step, or the {@code uses:} value as written
 * @param uses      the parsed {@code uses:}, or null for a {@code run} step
 * @param condition the condition GitHub evaluates, e.g. {@code success()}
 * @param position  where the step was written
 */
public record PlannedStep(int number, String id, String name, String kind, String target, UsesRef uses,
                          String condition, Position position) {
}
