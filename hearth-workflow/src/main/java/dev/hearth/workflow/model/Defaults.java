package dev.hearth.workflow.model;

/** {@code defaults.run}: either part may be null. */
public record Defaults(String shell, String workingDirectory) {
}
