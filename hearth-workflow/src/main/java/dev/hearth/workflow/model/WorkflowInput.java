package dev.hearth.workflow.model;

import java.util.List;

/**
 * An input of {@code workflow_dispatch} or {@code workflow_call}.
 *
 * @param type         {@code string}, {@code boolean}, {@code number}, {@code choice} or
 *                     {@code environment}; {@code string} when not given
 * @param defaultValue String, Double or Boolean as written, or null
 * @param options      the choices of a {@code choice} input
 */
public record WorkflowInput(String name, String description, String type, boolean required,
                            Object defaultValue, List<String> options, Position position) {
    public WorkflowInput {
        options = List.copyOf(options);
    }
}
