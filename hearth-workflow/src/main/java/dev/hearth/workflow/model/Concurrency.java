package dev.hearth.workflow.model;

/**
 * {@code concurrency}: the group as written, and {@code cancel-in-progress} as a Boolean or an
 * expression String (null when not given).
 */
public record Concurrency(String group, Object cancelInProgress) {
}
