package dev.hearth.workflow.yaml;

/** Why a file could not be loaded, at a 1-based position (0 when the whole file is concerned). */
public record YamlProblem(int line, int column, String message) {
}
