package dev.hearth.workflow.model;

/** {@code environment}: a name (possibly an expression) and an optional URL. */
public record Environment(String name, String url) {
}
