package dev.hearth.workflow.model;

import java.util.List;

/**
 * {@code runs-on}: labels and/or a runner group, or an expression deciding them at run time.
 *
 * @param expression the whole value when it is one {@code ${{ }}} expression, else null
 */
public record RunsOn(List<String> labels, String group, String expression) {
    public RunsOn {
        labels = List.copyOf(labels);
    }
}
